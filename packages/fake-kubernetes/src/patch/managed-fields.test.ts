import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../openapi/definitions.js';
import {
  describePath,
  fieldPaths,
  fromFieldsV1,
  removeAt,
  SEP,
  toFieldsV1,
  valueAt,
} from './field-paths.js';
import { recordUpdate, serverSideApply } from './managed-fields.js';

const SCHEMA = DEFINITIONS['io.k8s.api.apps.v1.Deployment']!;
const config = (image: string, env?: Array<{ name: string; value: string }>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { template: { spec: { containers: [{ name: 'app', image, ...(env ? { env } : {}) }] } } },
});

describe('server-side apply', () => {
  it('removes what the manager applied before and applies no more', () => {
    const first = serverSideApply(
      { metadata: { name: 'web' } },
      config('a:1', [{ name: 'X', value: '1' }]),
      'gitops',
      false,
      SCHEMA,
    );
    expect(first.spec.template.spec.containers[0].env).toEqual([{ name: 'X', value: '1' }]);
    const second = serverSideApply(first, config('a:1'), 'gitops', false, SCHEMA);
    expect(second.spec.template.spec.containers[0]).toEqual({ name: 'app', image: 'a:1' });
    expect(second.metadata.managedFields).toHaveLength(1);
  });

  it('keeps a field another manager owns too, and lists every conflict', () => {
    const applied = serverSideApply(
      { metadata: { name: 'web' } },
      config('a:1'),
      'gitops',
      false,
      SCHEMA,
    );
    const changed = structuredClone(applied);
    changed.spec.template.spec.containers[0].image = 'a:2';
    changed.spec.replicas = 3;
    recordUpdate(applied, changed, 'n1v1-canary-runner', SCHEMA);
    expect(changed.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual([
      'gitops',
      'n1v1-canary-runner',
    ]);
    expect(() =>
      serverSideApply(
        changed,
        { ...config('a:1'), spec: { ...config('a:1').spec, replicas: 1 } },
        'gitops',
        false,
        SCHEMA,
      ),
    ).toThrow(
      'Apply failed with 2 conflicts: conflict with "n1v1-canary-runner": .spec.replicas; conflict with "n1v1-canary-runner": .spec.template.spec.containers[name="app"].image',
    );
    const forced = serverSideApply(changed, config('a:1'), 'gitops', true, SCHEMA);
    expect(forced.spec.template.spec.containers[0].image).toBe('a:1');
    expect(forced.spec.replicas).toBe(3);
  });

  it('writes field paths as fieldsV1 and reads them back, sets and items included', () => {
    const paths = fieldPaths(
      {
        metadata: { finalizers: ['x'], name: 'n' },
        spec: { template: { spec: { containers: [{ name: 'app', image: 'i' }] } } },
      },
      SCHEMA,
    );
    expect(fromFieldsV1(toFieldsV1(paths))).toEqual(paths);
    const image = [
      'f:spec',
      'f:template',
      'f:spec',
      'f:containers',
      'k:{"name":"app"}',
      'f:image',
    ].join(SEP);
    expect(paths.has(image)).toBe(true);
    expect(paths.has(['f:metadata', 'f:finalizers', 'v:"x"'].join(SEP))).toBe(true);
    expect(describePath(['f:metadata', 'f:finalizers', 'v:"x"'].join(SEP))).toBe(
      '.metadata.finalizers["x"]',
    );
    const object = {
      metadata: { finalizers: ['x', 'y'] },
      spec: { template: { spec: { containers: [{ name: 'app', image: 'i' }] } } },
    };
    expect(valueAt(object, image)).toBe('i');
    expect(valueAt(object, ['f:nope', 'f:x'].join(SEP))).toBeUndefined();
    expect(valueAt(object, ['f:metadata', 'k:{"a":1}'].join(SEP))).toBeUndefined();
    removeAt(object, ['f:metadata', 'f:finalizers', 'v:"x"'].join(SEP));
    removeAt(
      object,
      ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}', '.'].join(SEP),
    );
    expect(object).toEqual({ metadata: { finalizers: ['y'] }, spec: { template: { spec: {} } } });
  });
});
