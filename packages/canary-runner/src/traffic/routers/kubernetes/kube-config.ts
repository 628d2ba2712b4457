import type { ApiConstructor, ApiType, KubeConfig } from '@kubernetes/client-node';

/** The connection fields the gateway-api and nginx-ingress routers share with the deployer. */
export interface KubeConnection {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  server?: string;
}

/**
 * The official client, loaded only when a Kubernetes router is used (a local run never pays
 * for it), configured from the user's kubeconfig or from `server` alone (the fake in tests).
 */
export async function loadKubeConfig(connection: KubeConnection): Promise<{
  kc: KubeConfig;
  client: typeof import('@kubernetes/client-node');
}> {
  const client = await import('@kubernetes/client-node');
  const kc = new client.KubeConfig();
  if (connection.server) {
    kc.loadFromOptions({
      // The client refuses plain http unless TLS checks are off; there is no TLS to check then.
      clusters: [
        {
          name: 'n1v1',
          server: connection.server,
          skipTLSVerify: connection.server.startsWith('http:'),
        },
      ],
      users: [{ name: 'n1v1' }],
      contexts: [
        {
          name: 'n1v1',
          cluster: 'n1v1',
          user: 'n1v1',
          namespace: connection.namespace ?? 'default',
        },
      ],
      currentContext: 'n1v1',
    });
  } else if (connection.kubeconfig) kc.loadFromFile(connection.kubeconfig);
  else kc.loadFromDefault();
  if (connection.context) kc.setCurrentContext(connection.context);
  return { kc, client };
}

/**
 * The client of one API group, made on first use (so the Kubernetes client loads only then)
 * and kept for the router's later calls; a failed load is tried again on the next call.
 */
export function lazyApiClient<T extends ApiType>(
  connection: KubeConnection,
  api: (k8s: typeof import('@kubernetes/client-node')) => ApiConstructor<T>,
): () => Promise<T> {
  let made: T | undefined;
  return async () => {
    if (!made) {
      const { kc, client } = await loadKubeConfig(connection);
      made = kc.makeApiClient(api(client));
    }
    return made;
  };
}
