import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import type { KubernetesDeployerConfig } from '../../config/config-types.js';

/**
 * The AppsV1Api client from the user's kubeconfig (KUBECONFIG, ~/.kube/config or in-cluster),
 * or from `server` alone when given (tests point it at a local fake of the apps/v1 API).
 */
export function createAppsApi(config: KubernetesDeployerConfig): AppsV1Api {
  const kc = new KubeConfig();
  if (config.server) {
    kc.loadFromOptions({
      // The client refuses plain http unless TLS checks are off; there is no TLS to check then.
      clusters: [
        { name: 'n1v1', server: config.server, skipTLSVerify: config.server.startsWith('http:') },
      ],
      users: [{ name: 'n1v1' }],
      contexts: [
        { name: 'n1v1', cluster: 'n1v1', user: 'n1v1', namespace: config.namespace ?? 'default' },
      ],
      currentContext: 'n1v1',
    });
  } else if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromDefault();
  if (config.context) kc.setCurrentContext(config.context);
  return kc.makeApiClient(AppsV1Api);
}

export { describeApiError } from './describe-api-error.js';
