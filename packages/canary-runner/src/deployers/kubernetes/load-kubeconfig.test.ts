import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeconfig } from './load-kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'n1v1-kubeconfig-'));
const file = (name: string, doc: object) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};
const config = (context: string, namespace?: string) => ({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [
    { name: `${context}-cluster`, cluster: { server: `https://${context}.example:6443` } },
  ],
  users: [{ name: `${context}-user`, user: { token: 't' } }],
  contexts: [
    {
      name: context,
      context: {
        cluster: `${context}-cluster`,
        user: `${context}-user`,
        ...(namespace ? { namespace } : {}),
      },
    },
  ],
  'current-context': context,
});
const base = { type: 'kubernetes' as const, image: 'x:{version}' };

describe('loading credentials', () => {
  it('merges every KUBECONFIG file, the first one choosing the current context', () => {
    const a = file('a', config('staging', 'n1v1-staging'));
    const b = file('b', config('production', 'n1v1'));
    const loaded = loadKubeconfig(base, { env: { KUBECONFIG: `${a}:${b}` }, homeDir: dir });
    expect(loaded.namespace).toBe('n1v1-staging');
    expect(loaded.source).toBe(`kubeconfig ${a}:${b}, context "staging", user "staging-user"`);
    const other = loadKubeconfig(
      { ...base, context: 'production' },
      { env: { KUBECONFIG: `${a}:${b}` }, homeDir: dir },
    );
    expect([other.namespace, other.kc.getCurrentCluster()?.server]).toEqual([
      'n1v1',
      'https://production.example:6443',
    ]);
  });

  it('falls back to the default namespace and keeps a configured server for tests', () => {
    expect(loadKubeconfig(base, { env: { KUBECONFIG: file('c', config('dev')) } }).namespace).toBe(
      'default',
    );
    const server = loadKubeconfig({ ...base, server: 'http://127.0.0.1:1', namespace: 'x' });
    expect([server.namespace, server.source, server.kc.getCurrentCluster()?.skipTLSVerify]).toEqual(
      ['x', 'server http://127.0.0.1:1, context "n1v1", user "n1v1"', true],
    );
  });

  it('refuses a kubeconfig without a current context, saying how to pick one', () => {
    const none = file('d', { ...config('dev'), 'current-context': '' });
    expect(() => loadKubeconfig(base, { env: { KUBECONFIG: none } })).toThrow(
      'has no current context; set deployer.context or run kubectl config use-context',
    );
  });
});
