import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCertificateAuthority,
  type FakeKubernetes,
  installedKubectls,
  kubectl,
  startFakeKubernetes,
  writeKubeconfig,
} from '../src/index.js';

const [k] = await installedKubectls();
let fake: FakeKubernetes;
let dir: string;
const ca = createTestCertificateAuthority();
const otherCa = createTestCertificateAuthority('someone-else');

beforeAll(async () => {
  fake = await startFakeKubernetes({
    tls: { ...ca.server(), clientCa: ca.cert },
    access: {
      tokens: { 'token-of-the-runner': 'system:serviceaccount:n1v1-staging:n1v1-canary-runner' },
      clientCertificates: true,
      rules: {
        'system:serviceaccount:n1v1-staging:n1v1-canary-runner': [
          {
            apiGroups: ['apps'],
            resources: ['deployments'],
            verbs: ['get', 'list'],
            namespaces: ['default'],
          },
        ],
        alice: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      },
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'fake-k8s-tls-'));
  const admin = ca.client('alice', ['developers']);
  const kc = writeKubeconfig(
    { server: fake.url, caPem: ca.cert, clientCertPem: admin.cert, clientKeyPem: admin.key },
    mkdtempSync(join(dir, 'admin-')),
  );
  await kubectl(k!, kc, 'create', 'deployment', 'web', '--image=ghcr.io/acme/n1v1:1.0.0');
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (name: string, extra: Parameters<typeof writeKubeconfig>[0]) => {
  const sub = mkdtempSync(join(dir, `${name}-`));
  return writeKubeconfig(extra, sub);
};

describe(`kubectl ${k!.version} against the fake over HTTPS with its own CA`, () => {
  it('is served to a bearer token, and RBAC says which verb on which resource is missing', async () => {
    const kc = config('token', { server: fake.url, caPem: ca.cert, token: 'token-of-the-runner' });
    expect(await kubectl(k!, kc, 'get', 'deployments', '-o', 'name')).toBe('deployment.apps/web\n');
    await expect(kubectl(k!, kc, 'scale', 'deployment/web', '--replicas=0')).rejects.toThrow(
      /User "system:serviceaccount:n1v1-staging:n1v1-canary-runner" cannot (get|patch) resource "deployments\/scale" in API group "apps" in the namespace "default"/,
    );
    await expect(kubectl(k!, kc, 'get', 'pods')).rejects.toThrow(
      'cannot list resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('accepts a client certificate signed by its CA, the CN being the user', async () => {
    const cert = ca.client('alice', ['developers']);
    const kc = config('cert', {
      server: fake.url,
      caPem: ca.cert,
      clientCertPem: cert.cert,
      clientKeyPem: cert.key,
    });
    expect(await kubectl(k!, kc, 'get', 'namespaces', '-o', 'name')).toContain('namespace/default');
    expect(fake.requests.at(-1)?.user).toBe('alice');
  });

  it('answers 401 to an unknown token and to a certificate from another CA', async () => {
    const token = config('bad', { server: fake.url, caPem: ca.cert, token: 'nope' });
    await expect(kubectl(k!, token, 'get', 'deployments')).rejects.toThrow(
      /Unauthorized|provide credentials/,
    );
    const foreign = otherCa.client('mallory');
    const cert = config('foreign', {
      server: fake.url,
      caPem: ca.cert,
      clientCertPem: foreign.cert,
      clientKeyPem: foreign.key,
    });
    await expect(kubectl(k!, cert, 'get', 'deployments')).rejects.toThrow(
      /Unauthorized|provide credentials/,
    );
  });

  it('is refused by a client that trusts another CA', async () => {
    const kc = config('wrong-ca', {
      server: fake.url,
      caPem: otherCa.cert,
      token: 'token-of-the-runner',
    });
    await expect(kubectl(k!, kc, 'get', 'deployments')).rejects.toThrow(
      /certificate signed by unknown authority|x509/,
    );
  });
});
