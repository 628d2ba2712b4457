import { AppsV1Api } from '@kubernetes/client-node';
import type { KubernetesDeployerConfig } from '../../config/config-types.js';
import type { CallSubject } from './describe-api-error.js';
import { type KubeconfigLookup, loadKubeconfig } from './load-kubeconfig.js';

/** The AppsV1Api client, the namespace to work in and what to name in error messages. */
export interface AppsClient {
  api: AppsV1Api;
  namespace: string;
  subject: CallSubject;
}

/** The client from the user's credentials (see loadKubeconfig) or from `server` alone. */
export function createAppsApi(
  config: KubernetesDeployerConfig,
  lookup?: KubeconfigLookup,
): AppsClient {
  const loaded = loadKubeconfig(config, lookup);
  return {
    api: loaded.kc.makeApiClient(AppsV1Api),
    namespace: loaded.namespace,
    subject: {
      source: loaded.source,
      server: loaded.kc.getCurrentCluster()?.server ?? 'the API server',
    },
  };
}

// The traffic routers' callers import the describer from here.
export { describeApiError } from './describe-api-error.js';
