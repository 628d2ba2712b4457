import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../src/config/load-config.js';
import { closeRouter, cutTraffic, recordedRouter } from '../src/run/cut-traffic.js';
import { createRunContext, type RunContext } from '../src/run/run-context.js';
import type { RunSummary } from '../src/run/run-history.js';
import { commandRouter } from '../src/traffic/routers/command/command-router.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-cut-traffic-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A run context on a config with no file, with the command router given. */
function context(routerCommand: string): RunContext {
  const config = {
    ...loadCanaryConfig({ cwd: dir, env: 'staging' }),
    router: { type: 'command' as const, command: routerCommand },
  };
  return createRunContext({ config, version: '2.0.0', runId: 'run-cut', notifier: null });
}

function routerOf(ctx: RunContext, command: string) {
  return commandRouter({
    config: { type: 'command', command },
    env: ctx.config.env,
    service: ctx.config.service,
    runId: ctx.runId,
    cwd: dir,
  });
}

const run = (fields: Partial<RunSummary>): RunSummary =>
  ({
    runId: 'run-dead',
    file: join(dir, 'journal'),
    version: '2.0.0',
    service: 'svc',
    startedAt: new Date().toISOString(),
    pid: 1,
    deployer: 'local',
    state: 'monitoring',
    finished: false,
    deployStarted: true,
    record: {},
    ...fields,
  }) as RunSummary;

describe('cutting traffic before a rollback', () => {
  it('sets the canary to 0 % through the router and says so in the timeline', async () => {
    const command = `echo "$N1V1_CANARY_WEIGHT $N1V1_STABLE_WEIGHT" > ${join(dir, 'weight')}`;
    const ctx = context(command);
    const cut = await cutTraffic(ctx, routerOf(ctx, command), 'smoke test failed');
    expect(cut.ok).toBe(true);
    expect(readFileSync(join(dir, 'weight'), 'utf8').trim()).toBe('0 100');
    expect(ctx.timeline.map((e) => e.event)).toContain('traffic.cut');
    expect(Number.isNaN(Date.parse(cut.at))).toBe(false);
  });

  it('reports a router that fails instead of throwing, so the rollback still runs', async () => {
    const command = 'echo "mesh API unreachable" >&2; exit 4';
    const ctx = context(command);
    const cut = await cutTraffic(ctx, routerOf(ctx, command), 'error rate over the limit');
    expect(cut.ok).toBe(false);
    expect(cut.detail).toContain('exited 4 setting the weight to 0 %: mesh API unreachable');
    expect(ctx.timeline.find((e) => e.event === 'traffic.cut.failed')?.detail).toBe(cut.detail);
  });
});

describe('the router a dead run left', () => {
  it('is none when the run had no router', () => {
    const ctx = context('true');
    expect(recordedRouter(ctx, run({}))).toBeUndefined();
  });

  it('is none for a haproxy the run already stopped, since there is nothing left to cut', () => {
    const ctx = context('true');
    const dead = run({
      router: { type: 'haproxy', pid: 1, socketPath: join(dir, 'admin.sock'), rules: [] },
      routerClosed: true,
    });
    expect(recordedRouter(ctx, dead)).toBeUndefined();
  });

  it('is built again from the config for a router that keeps its weights after closing', async () => {
    const command = `echo "$N1V1_CANARY_WEIGHT" > ${join(dir, 'weight')}`;
    const ctx = context(command);
    const router = recordedRouter(ctx, run({ router: { type: 'command' }, routerClosed: true }));
    expect(router?.type).toBe('command');
    await router?.setWeight(0);
    expect(readFileSync(join(dir, 'weight'), 'utf8').trim()).toBe('0');
    await closeRouter(ctx, router!);
    expect(ctx.timeline.map((e) => e.event)).not.toContain('router.close.failed');
  });
});
