import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKubeConfig } from './kube-config.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: { server: https://prod.example.test:6443 }
  - name: staging
    cluster: { server: https://staging.example.test:6443 }
users:
  - name: me
    user: {}
contexts:
  - name: prod
    context: { cluster: prod, user: me, namespace: shop }
  - name: staging
    context: { cluster: staging, user: me }
current-context: prod
`;

let dir: string | undefined;

afterEach(() => {
  vi.unstubAllEnvs();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function kubeconfigFile(): string {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-kubeconfig-'));
  const file = join(dir, 'config');
  writeFileSync(file, KUBECONFIG);
  return file;
}

describe('loadKubeConfig', () => {
  it('reads the kubeconfig file it is given, at its current context', async () => {
    const { kc } = await loadKubeConfig({ kubeconfig: kubeconfigFile() });
    expect(kc.getCurrentContext()).toBe('prod');
    expect(kc.getCurrentCluster()?.server).toBe('https://prod.example.test:6443');
  });

  it('falls back to the user’s default kubeconfig ($KUBECONFIG) when the config names none', async () => {
    vi.stubEnv('KUBECONFIG', kubeconfigFile());
    const { kc } = await loadKubeConfig({});
    expect(kc.getCurrentContext()).toBe('prod');
    expect(kc.getCurrentCluster()?.server).toBe('https://prod.example.test:6443');
  });

  it('switches to the context the config names', async () => {
    const { kc } = await loadKubeConfig({ kubeconfig: kubeconfigFile(), context: 'staging' });
    expect(kc.getCurrentContext()).toBe('staging');
    expect(kc.getCurrentCluster()?.server).toBe('https://staging.example.test:6443');
  });

  it('talks to a bare server URL in the namespace given, checking TLS only for https', async () => {
    const plain = await loadKubeConfig({ server: 'http://127.0.0.1:8001', namespace: 'shop' });
    expect(plain.kc.getCurrentCluster()).toMatchObject({
      server: 'http://127.0.0.1:8001',
      skipTLSVerify: true,
    });
    expect(plain.kc.getContextObject('n1v1')?.namespace).toBe('shop');
    const tls = await loadKubeConfig({ server: 'https://127.0.0.1:6443' });
    expect(tls.kc.getCurrentCluster()?.skipTLSVerify).toBe(false);
    expect(tls.kc.getContextObject('n1v1')?.namespace).toBe('default');
  });
});
