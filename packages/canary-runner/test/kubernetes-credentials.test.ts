import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestCertificateAuthority,
  kubeconfigFor,
  writeKubeconfig,
} from '@n1v1/fake-kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesDeployerConfig } from '../src/config/config-types.js';
import { kubernetesDeployer } from '../src/deployers/kubernetes/kubernetes-deployer.js';
import type { KubeconfigLookup } from '../src/deployers/kubernetes/load-kubeconfig.js';
import { testDeployContext } from './helpers/deploy-context.js';
import { type SeededCluster, seededCluster } from './helpers/kubernetes-cluster.js';

const NS = 'n1v1-staging';
const SA = `system:serviceaccount:${NS}:n1v1-canary-runner`;
const EXEC_PLUGIN = fileURLToPath(new URL('./fixtures/exec-credential.mjs', import.meta.url));
const ca = createTestCertificateAuthority();
const otherCa = createTestCertificateAuthority('not-the-cluster-ca');
const all = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
let cluster: SeededCluster;
let dir: string;
const emptyHome = () => mkdtempSync(join(tmpdir(), 'n1v1-home-'));

beforeAll(async () => {
  cluster = await seededCluster({
    namespace: NS,
    fake: {
      tls: { ...ca.server(), clientCa: ca.cert },
      access: {
        tokens: {
          'ci-token': 'ci-deployer',
          'eks-token': 'eks:ci',
          'sa-token': SA,
          'read-only': 'viewer',
        },
        clientCertificates: true,
        rules: {
          'ci-deployer': all.map((r) => ({ ...r, namespaces: [NS] })),
          'eks:ci': all,
          alice: all,
          [SA]: all.map((r) => ({ ...r, namespaces: [NS] })),
          viewer: [
            { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
          ],
        },
      },
    },
    kubeconfig: { caPem: ca.cert, token: 'ci-token' },
  });
  dir = mkdtempSync(join(tmpdir(), 'n1v1-creds-'));
});
afterAll(async () => {
  await cluster.close();
});

function kubeconfigFile(name: string, doc: object): string {
  const path = join(dir, `${name}.kubeconfig`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

let release = 0;

/** Deploys the next version (1.1.0, 1.2.0, ...) with these credentials. */
async function deploy(
  config: Partial<KubernetesDeployerConfig>,
  lookup: KubeconfigLookup = { env: {}, homeDir: emptyHome() },
) {
  const { ctx, records } = testDeployContext({ version: `1.${++release}.0` });
  const d = kubernetesDeployer({
    config: {
      type: 'kubernetes',
      image: 'ghcr.io/acme/n1v1:{version}',
      rolloutTimeoutSec: 20,
      ...config,
    },
    service: 'n1v1',
    pollMs: 50,
    lookup,
  });
  await d.deploy(ctx);
  return {
    records,
    rollback: () => d.rollback(ctx, records),
    user: cluster.fake.requests.at(-1)?.user,
  };
}

describe('credentials as users have them, over HTTPS with the cluster CA', () => {
  it('takes the kubeconfig from KUBECONFIG (skipping files that do not exist) and the namespace from the chosen context', async () => {
    const base = kubeconfigFor({
      server: cluster.fake.url,
      caPem: ca.cert,
      token: 'ci-token',
      namespace: NS,
      context: 'staging',
    });
    const other = kubeconfigFor({
      server: 'https://127.0.0.1:1',
      namespace: 'production',
      context: 'production',
      user: 'prod',
    });
    const doc = {
      ...base,
      clusters: [...base.clusters, ...other.clusters.map((c) => ({ ...c, name: 'prod-cluster' }))],
      users: [...base.users, ...other.users],
      contexts: [
        ...base.contexts,
        {
          name: 'production',
          context: { cluster: 'prod-cluster', user: 'prod', namespace: 'production' },
        },
      ],
      'current-context': 'production',
    };
    const path = kubeconfigFile('contexts', doc);
    const { records, user } = await deploy(
      { context: 'staging' },
      { env: { KUBECONFIG: ['/nowhere/kubeconfig', path].join(':') }, homeDir: emptyHome() },
    );
    expect(records.namespace).toBe(NS);
    expect(user).toBe('ci-deployer');
    expect(cluster.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
  });

  it('runs an exec credential plugin (client.authentication.k8s.io/v1), as EKS and GKE kubeconfigs do', async () => {
    const path = writeKubeconfig(
      {
        server: cluster.fake.url,
        caPem: ca.cert,
        namespace: NS,
        exec: {
          command: process.execPath,
          args: [EXEC_PLUGIN],
          env: [{ name: 'FAKE_TOKEN', value: 'eks-token' }],
        },
      },
      mkdtempSync(join(dir, 'exec-')),
    );
    const { user, rollback } = await deploy({ kubeconfig: path });
    expect(user).toBe('eks:ci');
    expect(await rollback()).toBe('scaled n1v1-canary to 0; rolled n1v1-canary back to revision 2');
    expect(cluster.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
  });

  it('presents a client certificate signed by the cluster CA', async () => {
    const cert = ca.client('alice', ['system:masters']);
    const path = writeKubeconfig(
      {
        server: cluster.fake.url,
        caPem: ca.cert,
        namespace: NS,
        clientCertPem: cert.cert,
        clientKeyPem: cert.key,
      },
      mkdtempSync(join(dir, 'cert-')),
    );
    expect((await deploy({ kubeconfig: path })).user).toBe('alice');
  });

  it('uses ~/.kube/config when KUBECONFIG is unset', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.kube'));
    writeFileSync(
      join(home, '.kube', 'config'),
      JSON.stringify(
        kubeconfigFor({
          server: cluster.fake.url,
          caPem: ca.cert,
          token: 'ci-token',
          namespace: NS,
        }),
      ),
    );
    expect((await deploy({}, { env: {}, homeDir: home })).records.namespace).toBe(NS);
  });

  it('uses the in-cluster service account: token, CA and the namespace file', async () => {
    const sa = mkdtempSync(join(dir, 'serviceaccount-'));
    writeFileSync(join(sa, 'token'), 'sa-token');
    writeFileSync(join(sa, 'ca.crt'), ca.cert);
    writeFileSync(join(sa, 'namespace'), NS);
    const { records, user } = await deploy(
      {},
      {
        env: {
          KUBERNETES_SERVICE_HOST: '127.0.0.1',
          KUBERNETES_SERVICE_PORT: String(cluster.fake.port),
        },
        homeDir: emptyHome(),
        serviceAccountDir: sa,
      },
    );
    expect([records.namespace, user]).toEqual([NS, SA]);
  });

  it('says where it looked when there is no kubeconfig at all', async () => {
    const home = emptyHome();
    await expect(
      deploy(
        {},
        { env: { KUBECONFIG: '/nowhere/config' }, homeDir: home, serviceAccountDir: '/nowhere/sa' },
      ),
    ).rejects.toThrow(
      `kubernetes: no kubeconfig found: looked at KUBECONFIG=/nowhere/config (no such file), ${home}/.kube/config (missing) and the in-cluster service account (KUBERNETES_SERVICE_HOST unset); set deployer.kubeconfig or KUBECONFIG, or run in a pod with a service account`,
    );
    await expect(deploy({ kubeconfig: '/nowhere/kubeconfig' })).rejects.toThrow(
      'kubernetes: deployer.kubeconfig /nowhere/kubeconfig does not exist',
    );
    await expect(deploy({ kubeconfig: cluster.kubeconfig, context: 'nope' })).rejects.toThrow(
      'kubernetes: context "nope" is not in kubeconfig',
    );
  });

  it('names the refused credentials on a 401', async () => {
    const path = writeKubeconfig(
      {
        server: cluster.fake.url,
        caPem: ca.cert,
        token: 'expired',
        namespace: NS,
        context: 'ci',
        user: 'ci-bot',
      },
      mkdtempSync(join(dir, '401-')),
    );
    await expect(deploy({ kubeconfig: path })).rejects.toThrow(
      `kubernetes: reading n1v1-canary failed: 401 Unauthorized: ${cluster.fake.url} did not accept the credentials of kubeconfig ${path}, context "ci", user "ci-bot"; renew them`,
    );
  });

  it('names the user, the verb, the resource and the Role rule that would allow it on a 403', async () => {
    const path = writeKubeconfig(
      { server: cluster.fake.url, caPem: ca.cert, token: 'read-only', namespace: NS },
      mkdtempSync(join(dir, '403-')),
    );
    await expect(deploy({ kubeconfig: path })).rejects.toThrow(
      `kubernetes: patching n1v1-canary failed: 403 Forbidden: user "viewer" may not patch deployments in namespace ${NS}; allow it with a Role rule {apiGroups: ["apps"], resources: ["deployments"], verbs: ["patch"]} bound to that user`,
    );
  });

  it('refuses a server whose certificate the kubeconfig CA did not sign, and says so', async () => {
    const path = writeKubeconfig(
      { server: cluster.fake.url, caPem: otherCa.cert, token: 'ci-token', namespace: NS },
      mkdtempSync(join(dir, 'wrong-ca-')),
    );
    await expect(deploy({ kubeconfig: path })).rejects.toThrow(
      new RegExp(
        `kubernetes: reading n1v1-canary failed: TLS to ${cluster.fake.url} failed \\(.+\\): the certificate authority in kubeconfig ${path}, context "fake", user "fake-user" does not vouch for the server`,
      ),
    );
  });

  it('says the server cannot be reached when nothing listens there', async () => {
    const path = writeKubeconfig(
      { server: 'https://127.0.0.1:1', caPem: ca.cert, token: 'ci-token' },
      mkdtempSync(join(dir, 'down-')),
    );
    await expect(deploy({ kubeconfig: path })).rejects.toThrow(
      'cannot reach https://127.0.0.1:1 (ECONNREFUSED)',
    );
  });
});
