import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { CanaryError } from '../../canary-error.js';
import type { KubernetesDeployerConfig } from '../../config/config-types.js';

/** Where the deployer looks for credentials; tests give their own, the default is the process's. */
export interface KubeconfigLookup {
  /** Environment with KUBECONFIG and KUBERNETES_SERVICE_HOST/PORT. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Home directory of `~/.kube/config`. Default os.homedir(). */
  homeDir?: string;
  /** The pod's service-account directory. Default /var/run/secrets/kubernetes.io/serviceaccount. */
  serviceAccountDir?: string;
}

/** A loaded kubeconfig, the namespace to work in, and words for messages about it. */
export interface LoadedKubeconfig {
  kc: KubeConfig;
  namespace: string;
  /** `kubeconfig /home/me/.kube/config, context "staging", user "ci"`. */
  source: string;
  user: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Credentials as users have them, looked up as kubectl does: the config's `kubeconfig`,
 * else every file in KUBECONFIG, else ~/.kube/config, else the pod's service account (with
 * KUBERNETES_SERVICE_HOST/PORT). The namespace is the config's, else the context's, else the
 * service account's namespace file, else `default`. Finding nothing is a configuration error
 * that says where it looked, never the client's localhost:8080 guess.
 */
export function loadKubeconfig(
  config: KubernetesDeployerConfig,
  lookup: KubeconfigLookup = {},
): LoadedKubeconfig {
  const env = lookup.env ?? process.env;
  const kc = new KubeConfig();
  let from: string;
  let fileNamespace: string | undefined;
  if (config.server) {
    kc.loadFromOptions({
      // The client refuses plain http unless TLS checks are off; there is no TLS to check then.
      clusters: [
        { name: 'n1v1', server: config.server, skipTLSVerify: config.server.startsWith('http:') },
      ],
      users: [{ name: 'n1v1' }],
      contexts: [{ name: 'n1v1', cluster: 'n1v1', user: 'n1v1' }],
      currentContext: 'n1v1',
    });
    from = `server ${config.server}`;
  } else {
    const files = config.kubeconfig
      ? [config.kubeconfig]
      : (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f && existsSync(f));
    const home = join(lookup.homeDir ?? homedir(), '.kube', 'config');
    const saDir = lookup.serviceAccountDir ?? SERVICE_ACCOUNT;
    if (config.kubeconfig && !existsSync(config.kubeconfig))
      throw new CanaryError(
        'E_CONFIG_INVALID',
        `kubernetes: deployer.kubeconfig ${config.kubeconfig} does not exist; fix the path or remove it to use KUBECONFIG, ~/.kube/config or the in-cluster service account`,
      );
    if (files.length) {
      kc.loadFromFile(files[0]!);
      for (const extra of files.slice(1)) {
        const more = new KubeConfig();
        more.loadFromFile(extra);
        // As kubectl: the first file that sets current-context wins.
        kc.mergeConfig(more, Boolean(kc.getCurrentContext()));
      }
      from = `kubeconfig ${files.join(delimiter)}`;
    } else if (existsSync(home)) {
      kc.loadFromFile(home);
      from = `kubeconfig ${home}`;
    } else if (env.KUBERNETES_SERVICE_HOST && existsSync(join(saDir, 'token'))) {
      const host = env.KUBERNETES_SERVICE_HOST.includes(':')
        ? `[${env.KUBERNETES_SERVICE_HOST}]`
        : env.KUBERNETES_SERVICE_HOST;
      kc.loadFromOptions({
        clusters: [
          {
            name: 'in-cluster',
            server: `https://${host}:${env.KUBERNETES_SERVICE_PORT ?? '443'}`,
            caFile: join(saDir, 'ca.crt'),
          },
        ],
        // The token file is read again whenever it changes: projected tokens rotate.
        users: [
          {
            name: 'service-account',
            authProvider: { name: 'tokenFile', config: { tokenFile: join(saDir, 'token') } },
          },
        ],
        contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'service-account' }],
        currentContext: 'in-cluster',
      });
      const nsFile = join(saDir, 'namespace');
      if (existsSync(nsFile)) fileNamespace = readFileSync(nsFile, 'utf8').trim();
      from = `the in-cluster service account in ${saDir}`;
    } else {
      const kubeconfigEnv = env.KUBECONFIG
        ? `KUBECONFIG=${env.KUBECONFIG} (no such file)`
        : 'KUBECONFIG (unset)';
      const inCluster = env.KUBERNETES_SERVICE_HOST
        ? `${join(saDir, 'token')} (missing)`
        : 'the in-cluster service account (KUBERNETES_SERVICE_HOST unset)';
      throw new CanaryError(
        'E_CONFIG_INVALID',
        `kubernetes: no kubeconfig found: looked at ${kubeconfigEnv}, ${home} (missing) and ${inCluster}; set deployer.kubeconfig or KUBECONFIG, or run in a pod with a service account`,
      );
    }
  }
  // kubectl talks plain http to an http:// server (kubectl proxy, a local fake); the client
  // refuses to unless TLS checks are off, and there is no TLS to check.
  kc.clusters = kc.clusters.map((c) =>
    c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c,
  );
  if (config.context) {
    if (!kc.getContextObject(config.context))
      throw new CanaryError(
        'E_CONFIG_INVALID',
        `kubernetes: context "${config.context}" is not in ${from}; its contexts: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        }`,
      );
    kc.setCurrentContext(config.context);
  }
  const context = kc.getContextObject(kc.getCurrentContext());
  if (!context || !kc.getCurrentCluster())
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `kubernetes: ${from} has no current context; set deployer.context or run kubectl config use-context`,
    );
  const user = context.user ?? 'unknown';
  return {
    kc,
    namespace: config.namespace ?? context.namespace ?? fileNamespace ?? 'default',
    source: `${from}, context "${context.name}", user "${user}"`,
    user,
  };
}
