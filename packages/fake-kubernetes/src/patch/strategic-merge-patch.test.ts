import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../openapi/definitions.js';
import { strategicMergePatch } from './strategic-merge-patch.js';

const DEPLOYMENT = DEFINITIONS['io.k8s.api.apps.v1.Deployment'];
const live = {
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { a: '1' } },
      spec: {
        containers: [
          { name: 'app', image: 'a:1', env: [{ name: 'X', value: '1' }], args: ['--x'] },
          { name: 'sidecar', image: 's:1' },
        ],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
  metadata: { finalizers: ['a', 'b'] },
};

const patch = (p: unknown) => strategicMergePatch(live, p, DEPLOYMENT) as typeof live;

describe('strategic merge patch', () => {
  it('merges containers by name and replaces lists without a merge key', () => {
    const out = patch({
      spec: { template: { spec: { containers: [{ name: 'app', image: 'a:2', args: ['--y'] }] } } },
    });
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'app', image: 'a:2', env: [{ name: 'X', value: '1' }], args: ['--y'] },
      { name: 'sidecar', image: 's:1' },
    ]);
  });

  it('obeys $setElementOrder and never stores a directive', () => {
    const out = patch({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
            containers: [{ name: 'app', image: 'a:3' }],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'app']);
    expect(JSON.stringify(out)).not.toContain('$');
  });

  it('deletes list items and maps with $patch, and fields with null', () => {
    const out = patch({
      spec: {
        template: {
          metadata: { annotations: { $patch: 'delete' } },
          spec: {
            containers: [
              { name: 'sidecar', $patch: 'delete' },
              { name: 'new', image: 'n:1' },
            ],
          },
        },
        replicas: null,
      },
    });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['app', 'new']);
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' } });
    expect(out.spec.replicas).toBeUndefined();
  });

  it('replaces a map or a whole list with $patch: replace', () => {
    const out = patch({
      spec: {
        template: {
          metadata: { labels: { $patch: 'replace', app: 'other' } },
          spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'o:1' }] },
        },
      },
    });
    expect(out.spec.template.metadata.labels).toEqual({ app: 'other' });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'only', image: 'o:1' }]);
  });

  it('keeps only $retainKeys and removes primitives with $deleteFromPrimitiveList', () => {
    const out = patch({
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
    });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    expect(out.metadata.finalizers).toEqual(['b']);
  });

  it('merges primitive lists with a merge strategy as a set', () => {
    const out = patch({ metadata: { finalizers: ['b', 'c'] } });
    expect(out.metadata.finalizers).toEqual(['a', 'b', 'c']);
  });

  it('refuses a body that is not an object and list items that are not objects', () => {
    expect(() => strategicMergePatch({}, [1], DEPLOYMENT)).toThrow('must be a JSON object');
    expect(() => patch({ spec: { template: { spec: { containers: ['x'] } } } })).toThrow(
      'must be objects',
    );
  });
});
