import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FakeKubernetes,
  installedKubectls,
  kubectl,
  startFakeKubernetes,
  writeKubeconfig,
} from '@n1v1/fake-kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDir, repoRoot } from './run-tool.js';

const NS = 'n1v1-staging';
const N1V1 = join(repoRoot, 'apps/cli/bin/n1v1.js');
const [k] = await installedKubectls();
let fake: FakeKubernetes;
let kubeconfig: string;
let dir: string;
const services: ChildProcess[] = [];

/** `n1v1 serve` on a free port: it stands for the pods' traffic, which the fake does not carry. */
async function serve(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [N1V1, 'serve', '--port=0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  services.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const url = /listening on (\S+)/.exec(d.toString())?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`n1v1 serve exited ${code}`)));
  });
}

function runCanary(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [N1V1, 'canary', ...args], {
    cwd: dir,
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const get = async (...args: string[]) =>
  JSON.parse(await kubectl(k!, kubeconfig, '-n', NS, 'get', ...args, '-o', 'json'));

beforeAll(async () => {
  fake = await startFakeKubernetes({ stepMs: 50 });
  dir = mkdtempSync(join(tmpdir(), 'n1v1-e2e-'));
  kubeconfig = writeKubeconfig({ server: fake.url }, dir);
  await kubectl(k!, kubeconfig, 'apply', '-k', join(deployDir, 'kubernetes/overlays/staging'));
  await kubectl(k!, kubeconfig, '-n', NS, 'rollout', 'status', 'deployment/n1v1', '--timeout=60s');
  const [canaryUrl, baselineUrl] = await Promise.all([
    serve({ N1V1_ERROR_RATE: '0.3' }),
    serve({}),
  ]);
  writeFileSync(
    join(dir, 'n1v1.config.json'),
    JSON.stringify({
      service: 'n1v1',
      environments: {
        staging: {
          canaryUrl,
          baselineUrl,
          // The namespace comes from nowhere but the manifests: the kubeconfig context has none.
          deployer: {
            type: 'kubernetes',
            namespace: NS,
            image: 'ghcr.io/n1v1/n1v1:{version}',
            replicas: 1,
            rolloutTimeoutSec: 60,
          },
          monitor: { durationSec: 6, intervalSec: 2 },
          traffic: { enabled: true },
        },
      },
    }),
  );
});

afterAll(async () => {
  for (const s of services) s.kill('SIGTERM');
  await fake?.close();
});

describe('n1v1 canary with the kubernetes deployer on the manifests, applied by kubectl to the fake API server', () => {
  it('deploys a failing canary, rolls it back, and kubectl sees what a real cluster would show', async () => {
    const before = await get('deployment', 'n1v1-canary');
    expect(before.spec.replicas).toBe(0);
    const run = await runCanary(['--env=staging', '--version=1.3.0', '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('rolled-back');
    expect(report.rollback.detail).toBe(
      'scaled n1v1-canary to 0; rolled n1v1-canary back to revision 1',
    );

    const canary = await get('deployment', 'n1v1-canary');
    expect(canary.spec.replicas).toBe(0);
    expect(canary.spec.template.spec.containers[0].image).toBe('ghcr.io/n1v1/n1v1:latest');
    expect(canary.spec.template).toEqual(before.spec.template);
    await kubectl(
      k!,
      kubeconfig,
      '-n',
      NS,
      'rollout',
      'status',
      'deployment/n1v1-canary',
      '--timeout=60s',
    );
    const history = await kubectl(
      k!,
      kubeconfig,
      '-n',
      NS,
      'rollout',
      'history',
      'deployment/n1v1-canary',
    );
    expect(history).toMatch(/2\s+n1v1 staging 1\.3\.0 \(run [^)]+\)\n3\s+<none>/);
    const sets = (await get('replicasets', '-l', 'track=canary')).items;
    expect(sets.map((rs: { spec: { replicas: number } }) => rs.spec.replicas)).toEqual([0, 0]);
    expect(
      sets
        .map(
          (rs: { spec: { template: { spec: { containers: Array<{ image: string }> } } } }) =>
            rs.spec.template.spec.containers[0]!.image,
        )
        .sort(),
    ).toEqual(['ghcr.io/n1v1/n1v1:1.3.0', 'ghcr.io/n1v1/n1v1:latest']);
    expect((await get('pods', '-l', 'track=canary')).items).toEqual([]);
    const stable = await get('deployment', 'n1v1');
    expect([
      stable.spec.template.spec.containers[0].image,
      stable.status.availableReplicas,
    ]).toEqual(['ghcr.io/n1v1/n1v1:latest', 1]);
  });
});
