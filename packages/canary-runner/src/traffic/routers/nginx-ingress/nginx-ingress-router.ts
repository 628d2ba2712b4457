import { CanaryError } from '../../../canary-error.js';
import type { NginxIngressRouterConfig, RouteMatch } from '../../../config/config-types.js';
import { describeApiError } from '../../../deployers/kubernetes/describe-api-error.js';
import type { PlannedAction } from '../../../run/planned-action.js';
import { loadKubeConfig } from '../kubernetes/kube-config.js';
import { describeWeight, type TrafficRouter } from '../traffic-router.js';
import { applyAnnotations, canaryAnnotations } from './canary-annotations.js';

/**
 * ingress-nginx's canary: a second Ingress for the same host whose backend is the canary
 * Service, and whose annotations say how much traffic it takes. The router writes those
 * annotations (read-modify-replace with the resourceVersion).
 */
export function nginxIngressRouter(
  config: NginxIngressRouterConfig,
  service: string,
): TrafficRouter {
  const namespace = config.namespace ?? 'default';
  const name = config.canaryIngress ?? `${service}-canary`;
  const where = `Ingress ${namespace}/${name}`;
  let api: import('@kubernetes/client-node').NetworkingV1Api | undefined;
  const client = async () => {
    if (!api) {
      const { kc, client: k8s } = await loadKubeConfig(config);
      api = kc.makeApiClient(k8s.NetworkingV1Api);
    }
    return api;
  };
  const router: TrafficRouter & { weightPercent: number; match: RouteMatch | undefined } = {
    type: 'nginx-ingress',
    weightPercent: 0,
    match: undefined,
    async start() {
      await router.setWeight(0);
      return { record: { type: 'nginx-ingress', namespace, ingress: name } };
    },
    async setWeight(weightPercent, match) {
      for (let attempt = 1; ; attempt++) {
        const k8s = await client();
        try {
          const ingress = await k8s.readNamespacedIngress({ name, namespace });
          ingress.metadata = {
            ...ingress.metadata,
            annotations: applyAnnotations(
              ingress.metadata?.annotations,
              canaryAnnotations(weightPercent, match),
            ),
          };
          await k8s.replaceNamespacedIngress({ name, namespace, body: ingress });
          break;
        } catch (error) {
          if ((error as { code?: number }).code === 409 && attempt < 3) continue;
          throw new CanaryError('E_DEPLOY_FAILED', `updating ${where}: ${describeApiError(error)}`);
        }
      }
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
