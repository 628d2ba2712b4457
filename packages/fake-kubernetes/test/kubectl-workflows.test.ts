import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeKubernetes,
  installedKubectls,
  type Kubectl,
  kubectl,
  startFakeKubernetes,
  writeKubeconfig,
} from '../src/index.js';
import { deploymentYaml, writeManifest } from './helpers/manifests.js';

const kubectls = await installedKubectls();

describe.each(kubectls)('kubectl $version against the fake', (k: Kubectl) => {
  let fake: FakeKubernetes;
  let dir: string;
  let config: string;
  const run = (...args: string[]) => kubectl(k, config, ...args);
  const json = async (...args: string[]) => JSON.parse(await run(...args, '-o', 'json'));

  beforeAll(async () => {
    fake = await startFakeKubernetes({ stepMs: 50, failingImages: ['ghcr.io/acme/n1v1:broken'] });
    dir = mkdtempSync(join(tmpdir(), 'fake-k8s-test-'));
    config = writeKubeconfig({ server: fake.url }, dir);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates with apply, waits with rollout status, and reads the objects back', async () => {
    const file = writeManifest(dir, 'web.yaml', deploymentYaml('web', 'ghcr.io/acme/n1v1:1.0.0'));
    expect(await run('apply', '-f', file)).toContain('deployment.apps/web created');
    expect(await run('rollout', 'status', 'deployment/web', '--timeout=30s')).toContain(
      'deployment "web" successfully rolled out',
    );
    const d = await json('get', 'deployment', 'web');
    expect(d.status).toMatchObject({
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect((await json('get', 'pods', '-l', 'app=web')).items).toHaveLength(2);
    expect(await run('apply', '-f', file)).toContain('deployment.apps/web unchanged');
  });

  it('rolls a new image out with set image and back with rollout undo, reusing the old ReplicaSet', async () => {
    await run('set', 'image', 'deployment/web', 'app=ghcr.io/acme/n1v1:1.1.0');
    await run('rollout', 'status', 'deployment/web', '--timeout=30s');
    const before = (await json('get', 'replicasets', '-l', 'app=web')).items.map(
      (rs: { metadata: { name: string } }) => rs.metadata.name,
    );
    expect(before).toHaveLength(2);
    expect(await run('rollout', 'history', 'deployment/web')).toMatch(/1\s+<none>\n2\s+<none>/);
    expect(await run('rollout', 'undo', 'deployment/web')).toContain('rolled back');
    await run('rollout', 'status', 'deployment/web', '--timeout=30s');
    const sets = (await json('get', 'replicasets', '-l', 'app=web')).items;
    expect(sets.map((rs: { metadata: { name: string } }) => rs.metadata.name).sort()).toEqual(
      [...before].sort(),
    );
    const d = await json('get', 'deployment', 'web');
    expect(d.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/n1v1:1.0.0');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(await run('rollout', 'history', 'deployment/web')).toMatch(/2\s+<none>\n3\s+<none>/);
  });

  it('does not roll out while paused, and does on resume', async () => {
    await run('rollout', 'pause', 'deployment/web');
    await run('set', 'image', 'deployment/web', 'app=ghcr.io/acme/n1v1:1.2.0');
    await new Promise((r) => setTimeout(r, 400));
    const paused = await json('get', 'deployment', 'web');
    expect(
      paused.status.conditions.find((c: { type: string }) => c.type === 'Progressing').reason,
    ).toBe('DeploymentPaused');
    expect((await json('get', 'replicasets', '-l', 'app=web')).items).toHaveLength(2);
    await run('rollout', 'resume', 'deployment/web');
    await run('rollout', 'status', 'deployment/web', '--timeout=30s');
    expect((await json('get', 'replicasets', '-l', 'app=web')).items).toHaveLength(3);
  });

  it('scales through the scale subresource and waits for a condition', async () => {
    expect(await run('scale', 'deployment/web', '--replicas=3')).toContain('scaled');
    expect(
      await run('wait', '--for=condition=Available', 'deployment/web', '--timeout=30s'),
    ).toContain('condition met');
    await run('rollout', 'status', 'deployment/web', '--timeout=30s');
    expect((await json('get', 'deployment', 'web')).status.availableReplicas).toBe(3);
  });

  it('patches with strategic merge (lists merged by name), JSON merge and JSON patch', async () => {
    await run(
      'patch',
      'deployment/web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"VENUE","value":"paper-1"}]}]}}}}',
    );
    await run(
      'patch',
      'deployment/web',
      '--type=merge',
      '-p',
      '{"metadata":{"labels":{"team":"trading"}}}',
    );
    await run(
      'patch',
      'deployment/web',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
    );
    const d = await json('get', 'deployment', 'web');
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'paper' },
      { name: 'VENUE', value: 'paper-1' },
    ]);
    expect(d.metadata.labels.team).toBe('trading');
    expect(d.spec.replicas).toBe(2);
    expect(JSON.stringify(d)).not.toContain('$setElementOrder');
  });

  it('changes nothing on a server dry run', async () => {
    const file = writeManifest(
      dir,
      'web-dry.yaml',
      deploymentYaml('web', 'ghcr.io/acme/n1v1:9.9.9', 5),
    );
    expect(await run('apply', '-f', file, '--dry-run=server')).toContain('server dry run');
    const d = await json('get', 'deployment', 'web');
    expect(d.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/n1v1:1.2.0');
    expect(d.spec.replicas).toBe(2);
  });

  it('refuses negative replicas, a selector change and a stale resourceVersion', async () => {
    await expect(
      run('patch', 'deployment/web', '--type=merge', '-p', '{"spec":{"replicas":-5}}'),
    ).rejects.toThrow('spec.replicas: Invalid value: -5: must be greater than or equal to 0');
    await expect(
      run(
        'patch',
        'deployment/web',
        '--type=merge',
        '-p',
        '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}',
      ),
    ).rejects.toThrow('field is immutable');
    await expect(
      run(
        'patch',
        'deployment/web',
        '--type=merge',
        '-p',
        '{"metadata":{"resourceVersion":"2"},"spec":{"replicas":1}}',
      ),
    ).rejects.toThrow('the object has been modified');
  });

  it('applies server-side, reports a conflict with the field manager that set the image, and forces it', async () => {
    const file = writeManifest(
      dir,
      'api.yaml',
      deploymentYaml('api', 'ghcr.io/acme/n1v1:1.0.0', 1),
    );
    expect(await run('apply', '--server-side', '-f', file)).toContain('serverside-applied');
    await run('set', 'image', 'deployment/api', 'app=ghcr.io/acme/n1v1:1.1.0');
    await expect(run('apply', '--server-side', '-f', file)).rejects.toThrow(
      /conflict with "kubectl[^"]*": \.spec\.template\.spec\.containers\[name="app"\]\.image/,
    );
    await run('apply', '--server-side', '--force-conflicts', '-f', file);
    expect((await json('get', 'deployment', 'api')).spec.template.spec.containers[0].image).toBe(
      'ghcr.io/acme/n1v1:1.0.0',
    );
  });

  it('fails rollout status when a rollout exceeds its progress deadline', async () => {
    await run(
      'patch',
      'deployment/api',
      '--type=merge',
      '-p',
      '{"spec":{"progressDeadlineSeconds":2}}',
    );
    await run('set', 'image', 'deployment/api', 'app=ghcr.io/acme/n1v1:broken');
    await expect(run('rollout', 'status', 'deployment/api', '--timeout=30s')).rejects.toThrow(
      'exceeded its progress deadline',
    );
  });

  it('serves HTTPRoute for weighted routing, with merge and JSON patches and a status per parent', async () => {
    const file = writeManifest(
      dir,
      'route.yaml',
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: n1v1}
spec:
  parentRefs: [{name: public}]
  rules:
  - backendRefs:
    - {name: web, port: 8000, weight: 100}
    - {name: web-canary, port: 8000, weight: 0}
`,
    );
    expect(await run('apply', '-f', file)).toContain(
      'httproute.gateway.networking.k8s.io/n1v1 created',
    );
    await run(
      'patch',
      'httproute/n1v1',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":90},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":10}]',
    );
    await new Promise((r) => setTimeout(r, 300));
    const route = await json('get', 'httproute', 'n1v1');
    expect(route.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([
      90, 10,
    ]);
    expect(route.spec.parentRefs[0]).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'public',
    });
    const reasons = route.status.parents[0].conditions.map((c: { reason: string }) => c.reason);
    expect(reasons).toEqual(['NoMatchingParent', 'BackendNotFound']);
    await expect(
      run('patch', 'httproute/n1v1', '-p', '{"spec":{"hostnames":["x"]}}'),
    ).rejects.toThrow();
    expect(await run('delete', 'httproute', 'n1v1')).toContain('deleted');
  });
});
