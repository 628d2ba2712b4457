import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubeconfigOptions {
  server: string;
  /** Namespace of the context. Default `default`. */
  namespace?: string;
  /** Bearer token of the user. */
  token?: string;
  /** CA (PEM) that signed the server's certificate, for an https server. */
  caPem?: string;
  /** Client certificate and key (PEM). */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** An exec credential plugin (client.authentication.k8s.io/v1). */
  exec?: { command: string; args?: string[]; env?: Array<{ name: string; value: string }> };
  context?: string;
  user?: string;
}

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

/** A kubeconfig document, as kubectl reads it. */
export interface KubeconfigDocument {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  'current-context': string;
  preferences: Record<string, unknown>;
}

/** A kubeconfig (as JSON, which is YAML) with one cluster, user and current context. */
export function kubeconfigFor(o: KubeconfigOptions): KubeconfigDocument {
  const context = o.context ?? 'fake';
  const user = o.user ?? 'fake-user';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'fake',
        cluster: {
          server: o.server,
          ...(o.caPem ? { 'certificate-authority-data': b64(o.caPem) } : {}),
        },
      },
    ],
    users: [
      {
        name: user,
        user: {
          ...(o.token ? { token: o.token } : {}),
          ...(o.clientCertPem ? { 'client-certificate-data': b64(o.clientCertPem) } : {}),
          ...(o.clientKeyPem ? { 'client-key-data': b64(o.clientKeyPem) } : {}),
          ...(o.exec
            ? {
                exec: {
                  apiVersion: 'client.authentication.k8s.io/v1',
                  interactiveMode: 'Never',
                  args: [],
                  env: [],
                  ...o.exec,
                },
              }
            : {}),
        },
      },
    ],
    contexts: [
      { name: context, context: { cluster: 'fake', user, namespace: o.namespace ?? 'default' } },
    ],
    'current-context': context,
    preferences: {},
  };
}

/** Writes the kubeconfig into a new temporary directory and returns its path. */
export function writeKubeconfig(
  o: KubeconfigOptions,
  dir = mkdtempSync(join(tmpdir(), 'fake-kubernetes-')),
): string {
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, `${JSON.stringify(kubeconfigFor(o), null, 2)}\n`, { mode: 0o600 });
  return path;
}
