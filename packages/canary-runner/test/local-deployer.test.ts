import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDeployer } from '../src/deployers/local/local-deployer.js';
import { readLocalState } from '../src/deployers/local/local-state.js';
import {
  isOurProcess,
  logTail,
  type ServiceProcess,
  stopServiceProcess,
} from '../src/deployers/local/service-process.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { testDeployContext } from './helpers/deploy-context.js';
import { exampleServiceCommand } from './helpers/example-service.js';

const started: number[] = [];

afterEach(async () => {
  for (const pid of started.splice(0).filter(pidAlive)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
  }
});

function deployer(extra: Record<string, unknown> = {}) {
  return localDeployer({
    config: { type: 'local', command: exampleServiceCommand(), readyTimeoutSec: 10, ...extra },
    requestTimeoutMs: 2000,
  });
}

function remember(records: Record<string, unknown>) {
  for (const value of Object.values(records)) {
    const pid = (value as { pid?: number })?.pid;
    if (pid) started.push(pid);
  }
}

describe('the local deployer', () => {
  it('starts a stable and a canary process, reports the canary gone once stopped, and rolls back idempotently', async () => {
    const { ctx, records, lines } = testDeployContext({ version: '7.0.0' });
    const d = deployer();
    const urls = await d.deploy(ctx);
    remember(records);
    const canary = records.canary as ServiceProcess;
    expect(urls).toEqual({
      canaryUrl: canary.url,
      baselineUrl: (records.stable as ServiceProcess).url,
    });
    expect(records.startedStable).toBe(true);
    expect(lines[0]).toMatch(/^started stable stable as pid \d+ on http:\/\/127\.0\.0\.1:\d+/);
    const status = (await (await fetch(`${canary.url}/api/v1/status`)).json()) as {
      version: string;
      environment: string;
    };
    expect(status).toMatchObject({ version: '7.0.0', environment: 'staging' });
    expect(await d.status(ctx, records)).toEqual({
      healthy: true,
      detail: `canary pid ${canary.pid} running`,
    });
    expect(await d.rollback(ctx, records)).toBe(`stopped canary pid ${canary.pid}`);
    expect(await d.status(ctx, records)).toEqual({
      healthy: false,
      detail: `canary process (pid ${canary.pid}) is gone`,
    });
    expect(await d.rollback(ctx, records)).toBe(`canary pid ${canary.pid} was not running`);
    expect(await d.rollback(ctx, {})).toBe('no canary process was started; nothing to stop');
    expect(await d.status(ctx, {})).toMatchObject({ healthy: false });
    // A second deploy reuses the stable process that runs.
    const again = testDeployContext({ version: '7.0.1', stateDir: ctx.stateDir, cwd: ctx.cwd });
    await d.deploy(again.ctx);
    remember(again.records);
    expect(again.records.stable).toBeUndefined();
  });

  it('rolls a version out as the new stable when no canary of it runs, stopping the old stable', async () => {
    const { ctx, records } = testDeployContext({ env: 'production', version: '8.0.0' });
    const d = deployer({ stableVersion: '7.9.0' });
    await d.deploy(ctx);
    remember(records);
    await d.rollback(ctx, records);
    const old = readLocalState(ctx.stateDir, 'production').stable!;
    const promoted = testDeployContext({
      env: 'production',
      version: '8.0.0',
      stateDir: ctx.stateDir,
      cwd: ctx.cwd,
      runId: '20250101T000001Z-000001',
    });
    const detail = await d.promote(promoted.ctx, undefined);
    remember(promoted.records);
    const now = readLocalState(ctx.stateDir, 'production').stable!;
    expect(detail).toBe(
      `8.0.0 (pid ${now.pid}, ${now.url}) is now the stable version; stopped the old stable pid ${old.pid}`,
    );
    expect(pidAlive(old.pid)).toBe(false);
    expect(now.version).toBe('8.0.0');
  });

  it('stops everything it started when keepRunning is false', async () => {
    const { ctx, records } = testDeployContext();
    const d = deployer({ keepRunning: false });
    await d.deploy(ctx);
    remember(records);
    await d.release!(ctx, records);
    expect(pidAlive((records.canary as ServiceProcess).pid)).toBe(false);
    expect(pidAlive((records.stable as ServiceProcess).pid)).toBe(false);
    expect(readLocalState(ctx.stateDir, 'staging')).toEqual({});
    await deployer().release!(ctx, records);
  });

  it('says the service is not built when its script is missing', async () => {
    const { ctx } = testDeployContext();
    await expect(
      deployer({ command: [process.execPath, '/nonexistent/dist/main.js'] }).deploy(ctx),
    ).rejects.toThrow('/nonexistent/dist/main.js does not exist; build it first (pnpm build)');
    await expect(deployer({ command: [] }).deploy(ctx)).rejects.toThrow(
      'deployer.command is empty',
    );
  });

  it('never takes a recycled pid for its process, and kills one that ignores SIGTERM', async () => {
    const stubborn = spawn(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"],
      {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, N1V1_RUN_ID: 'r-stubborn', N1V1_ROLE: 'canary' },
      },
    );
    started.push(stubborn.pid!);
    await new Promise((r) => setTimeout(r, 300));
    const proc = {
      role: 'canary',
      pid: stubborn.pid!,
      runId: 'r-stubborn',
      port: 0,
      url: '',
      version: '',
      logFile: join('/nonexistent', 'x.log'),
      startedAt: '',
    } as ServiceProcess;
    expect(isOurProcess({ ...proc, runId: 'someone-else' })).toBe(false);
    expect(isOurProcess(proc)).toBe(true);
    expect(await stopServiceProcess(proc, 300)).toBe('stopped');
    expect(pidAlive(proc.pid)).toBe(false);
    expect(logTail(proc.logFile)).toBe('');
  });
});
