import { describe, expect, it } from 'vitest';
import { createRouter } from '../traffic/routers/create-router.js';
import { importKubernetesDeployer } from './create-deployer.js';

describe('the kubernetes deployer without its client', () => {
  it('is a config error that says what to install', async () => {
    const missing = Object.assign(
      new Error("Cannot find package '@kubernetes/client-node' imported from apps-api.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    await expect(importKubernetesDeployer(() => Promise.reject(missing))).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('npm install @kubernetes/client-node'),
    });
  });

  it('passes any other failure on as it is', async () => {
    const broken = new Error('SyntaxError in kubernetes-deployer.js');
    await expect(importKubernetesDeployer(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('is loaded when it is there', async () => {
    const module = await importKubernetesDeployer();
    expect(typeof module.kubernetesDeployer).toBe('function');
  });
});

describe('the routers an environment names', () => {
  it('are built for gateway-api, nginx-ingress and command without touching a cluster', () => {
    const base = { service: 'n1v1', env: 'staging', stateDir: '/tmp/x', cwd: '/tmp', steps: [] };
    const of = (router: Record<string, unknown>) =>
      createRouter({ ...base, router } as never, 'run-1')?.type;
    expect(of({ type: 'gateway-api' })).toBe('gateway-api');
    expect(of({ type: 'nginx-ingress' })).toBe('nginx-ingress');
    expect(of({ type: 'command', command: ['true'] })).toBe('command');
  });
});
