import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;

/** The modules an import resolves that name @kubernetes/client-node, seen by a resolve hook. */
function kubernetesClientLoadsOf(moduleUrl: string): string[] {
  const hook =
    'data:text/javascript,export async function resolve(s, c, next) { if (s.includes("@kubernetes/client-node")) console.log("CLIENT " + s); return next(s, c); }';
  const script = `import { register } from 'node:module'; register(${JSON.stringify(hook)}); await import(${JSON.stringify(moduleUrl)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\n').filter((line) => line.startsWith('CLIENT '));
}

describe('importing @n1v1/canary-runner', () => {
  it('does not load the Kubernetes client; only the kubernetes deployer does', () => {
    expect(
      existsSync(fileURLToPath(dist('index.js'))),
      'this test imports the built package: run "pnpm --filter @n1v1/canary-runner build" first',
    ).toBe(true);
    expect(kubernetesClientLoadsOf(dist('index.js'))).toEqual([]);
    expect(
      kubernetesClientLoadsOf(dist('deployers/kubernetes/kubernetes-deployer.js')),
    ).not.toEqual([]);
  });
});
