import { CanaryError } from '../../../canary-error.js';
import type { GatewayApiRouterConfig, RouteMatch } from '../../../config/config-types.js';
import { describeApiError } from '../../../deployers/kubernetes/describe-api-error.js';
import type { PlannedAction } from '../../../run/planned-action.js';
import { lazyApiClient } from '../kubernetes/kube-config.js';
import { replaceWithRetry } from '../kubernetes/replace-with-retry.js';
import { describeWeight, type TrafficRouter } from '../traffic-router.js';
import { type HttpRouteRule, type RouteBackends, weightedRules } from './httproute-rules.js';

const GROUP = 'gateway.networking.k8s.io';
const VERSION = 'v1';
const PLURAL = 'httproutes';

interface HttpRoute {
  metadata?: { resourceVersion?: string; [key: string]: unknown };
  spec?: { rules?: HttpRouteRule[]; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Sets the backendRefs weights of a Gateway API HTTPRoute: the vendor-neutral standard that
 * Istio, Envoy Gateway, Cilium, NGINX Gateway Fabric and others implement, so one router
 * drives them all. Read-modify-replace with the route's resourceVersion (replaceWithRetry): a
 * concurrent edit is redone on the fresh route, never overwritten.
 */
export function gatewayApiRouter(config: GatewayApiRouterConfig, service: string): TrafficRouter {
  const namespace = config.namespace ?? 'default';
  const name = config.route ?? service;
  const backends: RouteBackends = {
    stableService: config.stableService ?? service,
    canaryService: config.canaryService ?? `${service}-canary`,
    port: config.port ?? 80,
  };
  const where = `HTTPRoute ${namespace}/${name}`;
  const client = lazyApiClient(config, (k8s) => k8s.CustomObjectsApi);
  const read = async (): Promise<HttpRoute> => {
    try {
      return (await (
        await client()
      ).getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace,
        plural: PLURAL,
        name,
      })) as HttpRoute;
    } catch (error) {
      throw new CanaryError('E_DEPLOY_FAILED', `reading ${where}: ${describeApiError(error)}`);
    }
  };

  const router: TrafficRouter & { weightPercent: number; match: RouteMatch | undefined } = {
    type: 'gateway-api',
    weightPercent: 0,
    match: undefined,
    async start() {
      const route = await read();
      if (
        !route.spec?.rules?.some((r) =>
          r.backendRefs?.some((b) => b.name === backends.stableService),
        )
      ) {
        throw new CanaryError(
          'E_CONFIG_INVALID',
          `${where} has no rule with a backendRef to the stable Service ${backends.stableService}; add one or set router.stableService`,
        );
      }
      await router.setWeight(0);
      return { record: { type: 'gateway-api', namespace, route: name, ...backends } };
    },
    async setWeight(weightPercent, match) {
      await replaceWithRetry<HttpRoute>({
        where,
        read,
        change: (route) => ({
          ...route,
          spec: {
            ...route.spec,
            rules: weightedRules(route.spec?.rules ?? [], backends, weightPercent, match),
          },
        }),
        replace: async (body) =>
          (await client()).replaceNamespacedCustomObject({
            group: GROUP,
            version: VERSION,
            namespace,
            plural: PLURAL,
            name,
            body,
          }),
      });
      router.weightPercent = weightPercent;
      router.match = match;
      return `${where}: ${describeWeight(weightPercent, match)}`;
    },
    plan(weightPercent, match): PlannedAction[] {
      return [
        {
          step: 'traffic',
          kind: 'kubernetes',
          summary: `PUT ${where} backendRefs: ${backends.stableService} ${100 - weightPercent}, ${backends.canaryService} ${weightPercent}${match?.header ? `; requests with ${match.header.name}: ${match.header.value} to ${backends.canaryService}` : ''}`,
          detail: {
            rules: weightedRules(
              [{ backendRefs: [{ name: backends.stableService }] }],
              backends,
              weightPercent,
              match,
            ),
          },
        },
      ];
    },
    async close() {},
  };
  return router;
}
