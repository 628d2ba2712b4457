import type { NginxIngressRouterConfig, RouteMatch } from '../../../config/config-types.js';
import type { PlannedAction } from '../../../run/planned-action.js';
import { lazyApiClient } from '../kubernetes/kube-config.js';
import { replaceWithRetry } from '../kubernetes/replace-with-retry.js';
import { describeWeight, type TrafficRouter } from '../traffic-router.js';
import { applyAnnotations, canaryAnnotations } from './canary-annotations.js';

/**
 * ingress-nginx's canary: a second Ingress for the same host whose backend is the canary
 * Service, and whose annotations say how much traffic it takes. The router writes those
 * annotations (read-modify-replace with the resourceVersion: replaceWithRetry).
 */
export function nginxIngressRouter(
  config: NginxIngressRouterConfig,
  service: string,
): TrafficRouter {
  const namespace = config.namespace ?? 'default';
  const name = config.canaryIngress ?? `${service}-canary`;
  const where = `Ingress ${namespace}/${name}`;
  const client = lazyApiClient(config, (k8s) => k8s.NetworkingV1Api);
  const router: TrafficRouter & { weightPercent: number; match: RouteMatch | undefined } = {
    type: 'nginx-ingress',
    weightPercent: 0,
    match: undefined,
    async start() {
      await router.setWeight(0);
      return { record: { type: 'nginx-ingress', namespace, ingress: name } };
    },
    async setWeight(weightPercent, match) {
      const k8s = await client();
      await replaceWithRetry({
        where,
        read: () => k8s.readNamespacedIngress({ name, namespace }),
        change: (ingress) => ({
          ...ingress,
          metadata: {
            ...ingress.metadata,
            annotations: applyAnnotations(
              ingress.metadata?.annotations,
              canaryAnnotations(weightPercent, match),
            ),
          },
        }),
        replace: (body) => k8s.replaceNamespacedIngress({ name, namespace, body }),
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
          summary: `PUT ${where} annotations: canary-weight ${weightPercent}${match?.header ? `, canary-by-header ${match.header.name}=${match.header.value}` : ''}${match?.cookie ? `, canary-by-cookie ${match.cookie.name}` : ''}`,
          detail: { annotations: canaryAnnotations(weightPercent, match) },
        },
      ];
    },
    async close() {},
  };
  return router;
}
