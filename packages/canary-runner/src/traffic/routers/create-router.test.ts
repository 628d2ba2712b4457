import { describe, expect, it } from 'vitest';
import type { ResolvedCanaryConfig, RouterConfig } from '../../config/config-types.js';
import { loadCanaryConfig } from '../../config/load-config.js';
import { createRouter, routerForRecord } from './create-router.js';

const configWith = (router?: RouterConfig): ResolvedCanaryConfig =>
  loadCanaryConfig({
    cwd: '/nonexistent-n1v1-dir',
    overrides: router ? { router, steps: [{ weight: 10, holdSec: 5 }] } : {},
  });

describe('the router of an environment', () => {
  it('is the one its config names, and none without a router', () => {
    expect(createRouter(configWith(), 'run-1')).toBeUndefined();
    for (const router of [
      { type: 'haproxy' },
      { type: 'gateway-api', server: 'http://127.0.0.1:1' },
      { type: 'nginx-ingress', server: 'http://127.0.0.1:1' },
      { type: 'command', command: 'true' },
    ] as RouterConfig[]) {
      const made = createRouter(configWith(router), 'run-1')!;
      expect(made.type).toBe(router.type);
      expect(made.weightPercent).toBe(0);
    }
  });

  it("of a past run is rebuilt from the config when it lives in the cluster, and from the journal's record for haproxy", () => {
    const config = configWith({ type: 'gateway-api', server: 'http://127.0.0.1:1' });
    expect(routerForRecord(config, 'run-1', { type: 'gateway-api', route: 'n1v1' })?.type).toBe(
      'gateway-api',
    );
    const attached = routerForRecord(config, 'run-1', {
      type: 'haproxy',
      pid: 0,
      configFile: '/nonexistent/haproxy.cfg',
      socketPath: '/nonexistent/admin.sock',
      rules: [],
    });
    expect(attached?.type).toBe('haproxy');
    expect(attached!.plan(25)[0]!.detail).toEqual({
      commands: ['set weight n1v1_weighted/canary 25', 'set weight n1v1_weighted/stable 75'],
    });
  });
});
