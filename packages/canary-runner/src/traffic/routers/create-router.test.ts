import { describe, expect, it } from 'vitest';
import type { ResolvedCanaryConfig, RouterConfig } from '../../config/config-types.js';
import { createRouter, routerForRecord } from './create-router.js';

/** The fields of a resolved config that choosing a router reads. */
function configWith(router: RouterConfig | undefined): ResolvedCanaryConfig {
  return {
    service: 'checkout',
    env: 'staging',
    stateDir: '/tmp/n1v1-create-router-test',
    cwd: '/tmp',
    ...(router ? { router } : {}),
  } as unknown as ResolvedCanaryConfig;
}

describe('createRouter', () => {
  it('gives no router when the environment names none', () => {
    expect(createRouter(configWith(undefined), 'run-1')).toBeUndefined();
  });

  it('gives a Gateway API router for the service’s HTTPRoute by default', () => {
    const router = createRouter(
      configWith({ type: 'gateway-api', server: 'http://127.0.0.1:1' } as RouterConfig),
      'run-1',
    );
    expect(router?.type).toBe('gateway-api');
    expect(router?.weightPercent).toBe(0);
    expect(router?.plan(10)[0]?.summary).toBe(
      'PUT HTTPRoute default/checkout backendRefs: checkout 90, checkout-canary 10',
    );
  });

  it('gives an ingress-nginx router for the service’s canary Ingress by default', () => {
    const router = createRouter(
      configWith({ type: 'nginx-ingress', namespace: 'shop' } as RouterConfig),
      'run-1',
    );
    expect(router?.type).toBe('nginx-ingress');
    expect(router?.plan(25)[0]?.summary).toBe(
      'PUT Ingress shop/checkout-canary annotations: canary-weight 25',
    );
  });
});

describe('routerForRecord', () => {
  it('reaches the haproxy a dead run left behind through its recorded socket', () => {
    const router = routerForRecord(configWith(undefined), 'run-0', {
      type: 'haproxy',
      pid: 999_999,
      configFile: '/tmp/x/haproxy.cfg',
      socketPath: '/tmp/x/admin.sock',
      logFile: '/tmp/x/haproxy.log',
      port: 1,
      url: 'http://127.0.0.1:1',
      rules: [],
    });
    expect(router?.type).toBe('haproxy');
    expect(router?.plan(0)[0]?.summary).toContain('haproxy runtime API');
  });

  it('builds a cluster router again from the config for a past run that used one', () => {
    const router = routerForRecord(
      configWith({ type: 'gateway-api', route: 'web' } as RouterConfig),
      'run-0',
      { type: 'gateway-api', namespace: 'default', route: 'web' },
    );
    expect(router?.type).toBe('gateway-api');
    expect(router?.plan(0)[0]?.summary).toContain('HTTPRoute default/web');
  });
});
