import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { type FakeKubernetes, startFakeKubernetes, writeKubeconfig } from '@n1v1/fake-kubernetes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

const run = promisify(execFile);
const example = (file: string) =>
  fileURLToPath(new URL(`../../../deploy/kubernetes/gateway-api/${file}`, import.meta.url));

/** Debian's kubectl when this machine has its extracted copy, else the one on PATH (CI's). */
const KUBECTL = existsSync('/opt/debian-kubectl/usr/bin/kubectl')
  ? '/opt/debian-kubectl/usr/bin/kubectl'
  : 'kubectl';

const ADMIN_TOKEN = 'test-admin-token-for-faults';

let workspace: ReturnType<typeof canaryWorkspace>;
let fake: FakeKubernetes;
let kubeconfig: string;
const services: RunningService[] = [];

const kubectl = async (...args: string[]) =>
  (await run(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000 })).stdout;

/** The weights of the route's rules as kubectl prints them: "n1v1-stable=75 n1v1-canary=25". */
const weightsSeenByKubectl = async () =>
  (
    await kubectl(
      'get',
      'httproute',
      'n1v1',
      '-o',
      'jsonpath={range .spec.rules[*].backendRefs[*]}{.name}={.weight} {end}',
    )
  ).trim();

beforeEach(async () => {
  workspace = canaryWorkspace();
  fake = await startFakeKubernetes({ stepMs: 50 });
  kubeconfig = writeKubeconfig({ server: fake.url, namespace: 'default' });
  // The repository's Gateway API example, applied as a user would.
  for (const file of ['services-by-track.yaml', 'gateway.yaml', 'httproute.yaml']) {
    await kubectl('apply', '-f', example(file));
  }
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await fake.close();
  await workspace.cleanup();
});

describe('a run with steps through the gateway-api router', () => {
  it('moves the HTTPRoute weights with the steps and back to stable on failure, as kubectl sees them', async () => {
    const quiet = { log: () => {} };
    const canary = await startExampleService({
      port: 0,
      version: '1.1.0',
      adminToken: ADMIN_TOKEN,
      ...quiet,
    });
    const stable = await startExampleService({ port: 0, version: '1.0.0', ...quiet });
    services.push(canary, stable);
    expect(await weightsSeenByKubectl()).toBe('n1v1-stable=100 n1v1-canary=0');
    const seen: Array<Promise<string>> = [];
    let faultSet: Promise<number> | undefined;
    const before = fake.requests.length;
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '1.1.0',
      handleSignals: false,
      notifier: null,
      canaryUrl: canary.url,
      baselineUrl: stable.url,
      // The pods are records on the fake: the deploy is a script, the traffic local services.
      deployer: { type: 'command', deploy: 'true', rollback: 'true' },
      router: {
        type: 'gateway-api',
        server: fake.url,
        route: 'n1v1',
        stableService: 'n1v1-stable',
        canaryService: 'n1v1-canary',
      },
      steps: [
        { weight: 5, holdSec: 3 },
        { weight: 25, holdSec: 15 },
        { weight: 50, holdSec: 3 },
      ],
      smoke: { enabled: false },
      traffic: { enabled: true, ratePerSec: 100 },
      analysis: { minSamples: 20 },
      monitor: { intervalSec: 1 },
      onProgress: (event) => {
        if (event.type !== 'log' || !/^traffic step \d\/3 \(\d+ %\): HTTPRoute/.test(event.message))
          return;
        seen.push(weightsSeenByKubectl());
        if (event.message.startsWith('traffic step 2/3')) {
          faultSet = fetch(`${canary.url}/admin/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
            body: JSON.stringify({ errorRate: 1 }),
          }).then((r) => r.status);
        }
      },
    });
    expect(await faultSet).toBe(200);
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/^step 2\/3 \(25 %\): error rate/);
    expect(report.steps?.map((s) => s.status)).toEqual(['pass', 'fail']);
    expect(await Promise.all(seen)).toEqual([
      'n1v1-stable=95 n1v1-canary=5',
      'n1v1-stable=75 n1v1-canary=25',
    ]);
    expect(await weightsSeenByKubectl()).toBe('n1v1-stable=100 n1v1-canary=0');
    // Every change went through the API as an update of the route, nothing else was touched.
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(new Set(writes.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set(['PUT /apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/n1v1']),
    );
    expect(readFileSync(example('httproute.yaml'), 'utf8')).toContain('weight: 0');
  });
});
