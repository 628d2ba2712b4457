import type { ResolvedCanaryConfig } from '../../config/config-types.js';
import { commandRouter } from './command/command-router.js';
import { gatewayApiRouter } from './gateway-api/gateway-api-router.js';
import {
  attachHaproxyRouter,
  type HaproxyRecord,
  haproxyRouter,
} from './haproxy/haproxy-router.js';
import { nginxIngressRouter } from './nginx-ingress/nginx-ingress-router.js';
import type { TrafficRouter } from './traffic-router.js';

/** The router an environment's config names, for a run; undefined without `router`. */
export function createRouter(
  config: ResolvedCanaryConfig,
  runId: string,
): TrafficRouter | undefined {
  const router = config.router;
  if (!router) return undefined;
  switch (router.type) {
    case 'haproxy':
      return haproxyRouter({
        config: router,
        stateDir: config.stateDir,
        runId,
        matches: (config.steps ?? []).map((s) => s.match),
      });
    case 'gateway-api':
      return gatewayApiRouter(router, config.service);
    case 'nginx-ingress':
      return nginxIngressRouter(router, config.service);
    case 'command':
      return commandRouter({
        config: router,
        env: config.env,
        service: config.service,
        runId,
        cwd: config.cwd,
      });
  }
}

/**
 * The router of a past run, from what its journal recorded when it started: a haproxy the
 * dead run left behind is reached through its socket; the others live in the cluster or
 * the user's script and are built from the config again.
 */
export function routerForRecord(
  config: ResolvedCanaryConfig,
  runId: string,
  record: Record<string, unknown>,
): TrafficRouter | undefined {
  if (record.type === 'haproxy') return attachHaproxyRouter(record as unknown as HaproxyRecord);
  return createRouter(config, runId);
}
