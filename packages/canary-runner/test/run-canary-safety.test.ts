import { existsSync } from 'node:fs';
import { createNotifier, discord } from '@n1v1/notifier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLocalState } from '../src/deployers/local/local-state.js';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { acquireLock } from '../src/run/lock.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { promote } from '../src/run/promote-canary.js';
import { rollback } from '../src/run/rollback-canary.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type DiscordServer, startDiscordServer } from './helpers/discord-server.js';
import { exampleServiceCommand } from './helpers/example-service.js';
import { recordingNotifier } from './helpers/recording-notifier.js';
import { expectValidReport } from './helpers/report-schema.js';

let workspace: ReturnType<typeof canaryWorkspace>;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const base = (extra: Partial<CanaryOptions> = {}): CanaryOptions => ({
  cwd: workspace.cwd,
  version: '2.0.0',
  handleSignals: false,
  notifier: null,
  localCommand: exampleServiceCommand(),
  monitor: { durationSec: 6, intervalSec: 2 },
  ...extra,
});

describe('safety of canary runs', () => {
  it('refuses a local run that names no command as a config error, and starts nothing', async () => {
    const { localCommand: _none, ...withoutCommand } = base();
    await expect(runCanary(withoutCommand)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('environments.staging.deployer.command is required'),
    });
    expect(workspace.recordedPids()).toEqual([]);
  });

  it('plans every action on --dry-run and takes none: no process, no journal, no message', async () => {
    const discordServer: DiscordServer = await startDiscordServer();
    try {
      const notifier = createNotifier([
        discord({ webhookUrl: discordServer.webhookUrl, apiBase: discordServer.apiBase }),
      ]);
      const report = await runCanary(base({ dryRun: true, notifier }));
      expect(report.verdict).toBe('planned');
      expectValidReport(report);
      const summaries = report.plan!.map((a) => `[${a.step}] ${a.summary}`);
      expect(
        summaries.some(
          (s) => s.startsWith('[deploy] start the canary: ') && s.includes('example-service'),
        ),
      ).toBe(true);
      expect(summaries).toContain(
        '[rollback] stop the canary process by pid (SIGTERM, SIGKILL after 10 s)',
      );
      expect(
        summaries.some((s) => s.startsWith('[monitor] GET <canary URL from the deployer>/metrics')),
      ).toBe(true);
      expect(
        report.plan!.filter((a) => a.kind === 'notification').map((a) => a.summary.split(' ')[1]),
      ).toEqual([
        'deploy.started',
        'deploy.succeeded',
        'deploy.failed',
        'rollback.started',
        'rollback.completed',
        'rollback.failed',
      ]);
      const text = JSON.stringify(report);
      expect(text).toContain('"embeds"');
      expect(text).not.toContain(discordServer.token);
      expect(existsSync(workspace.stateDir)).toBe(false);
      expect(discordServer.messages).toEqual([]);
    } finally {
      await discordServer.close();
    }
  });

  it('refuses to run while another run holds the environment, deploying nothing', async () => {
    const lock = acquireLock(workspace.stateDir, 'staging', 'other-run');
    try {
      await expect(runCanary(base())).rejects.toMatchObject({ code: 'E_LOCKED' });
      expect(workspace.recordedPids()).toEqual([]);
    } finally {
      lock.release();
    }
  });

  it('with --no-rollback notifies and leaves the canary; a manual rollback then removes it, twice safely', async () => {
    const recorder = recordingNotifier();
    const report = await runCanary(
      base({
        noRollback: true,
        notifier: recorder.notifier,
        deployer: { type: 'local', env: { N1V1_ERROR_RATE: '0.3' } },
      }),
    );
    expect(report.verdict).toBe('failed');
    expect(report.rollback).toBeUndefined();
    expect(recorder.events.map((e) => e.type)).toEqual(['deploy.started', 'deploy.failed']);
    const canaryPid = workspace.recordedPids().at(-1)!;
    expect(pidAlive(canaryPid)).toBe(true);

    const manual = await rollback({ cwd: workspace.cwd, notifier: recorder.notifier });
    expect(manual).toMatchObject({
      outcome: 'rolled-back',
      ok: true,
      runId: report.runId,
      version: '2.0.0',
      // With the local deployer a manual rollback leaves nothing behind: the stable goes too.
      detail: expect.stringMatching(
        new RegExp(`^stopped canary pid ${canaryPid}; stopped the local stable stable \\(pid \\d+`),
      ),
    });
    expect(pidAlive(canaryPid)).toBe(false);
    expect(workspace.recordedPids().filter(pidAlive)).toEqual([]);
    expect(recorder.events.map((e) => e.type).slice(2)).toEqual([
      'rollback.started',
      'rollback.completed',
    ]);
    expect(await rollback({ cwd: workspace.cwd, notifier: null })).toMatchObject({
      outcome: 'nothing-to-do',
      ok: true,
    });
  });

  it('promotes only a version whose last canary passed, swapping the canary in as the stable process', async () => {
    const failed = await runCanary(
      base({ version: '3.0.0-bad', deployer: { type: 'local', env: { N1V1_ERROR_RATE: '0.3' } } }),
    );
    expect(failed.verdict).toBe('rolled-back');
    await expect(
      promote({ cwd: workspace.cwd, env: 'staging', version: '3.0.0-bad', notifier: null }),
    ).rejects.toMatchObject({
      code: 'E_NOT_PASSED',
      message: expect.stringMatching(
        /^the last canary of 3\.0\.0-bad in staging \(run .+\) ended rolled-back: error rate/,
      ),
    });
    await expect(
      promote({ cwd: workspace.cwd, env: 'staging', version: '9.9.9', notifier: null }),
    ).rejects.toThrow('no canary of 9.9.9 ran in staging');

    const passed = await runCanary(base({ version: '3.0.0' }));
    expect(passed.verdict).toBe('ready');
    const oldStable = readLocalState(workspace.stateDir, 'staging').stable!;
    const promoted = await promote({
      cwd: workspace.cwd,
      env: 'staging',
      noBake: true,
      notifier: null,
    });
    expect(promoted).toMatchObject({
      outcome: 'promoted',
      ok: true,
      version: '3.0.0',
      runId: passed.runId,
    });
    const stable = readLocalState(workspace.stateDir, 'staging').stable!;
    expect(stable.version).toBe('3.0.0');
    expect(pidAlive(stable.pid)).toBe(true);
    expect(pidAlive(oldStable.pid)).toBe(false);
    const answer = (await (await fetch(`${stable.url}/api/v1/status`)).json()) as {
      version: string;
    };
    expect(answer.version).toBe('3.0.0');
    // Promoted, the canary is no longer out there to roll back.
    expect(await rollback({ cwd: workspace.cwd, notifier: null })).toMatchObject({
      outcome: 'nothing-to-do',
    });
  });

  it('rolls back on SIGTERM with the usual notifications', async () => {
    const recorder = recordingNotifier();
    let sent = false;
    const report = await runCanary(
      base({
        handleSignals: true,
        notifier: recorder.notifier,
        monitor: { durationSec: 30, intervalSec: 1 },
        onProgress: (event) => {
          if (event.type === 'look' && !sent) {
            sent = true;
            process.emit('SIGTERM', 'SIGTERM');
          }
        },
      }),
    );
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toBe('interrupted by SIGTERM');
    expect(report.rollback?.ok).toBe(true);
    expect(recorder.events.map((e) => e.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('never lets a slow notifier delay or change the verdict: the flush at the end is bounded', async () => {
    const recorder = recordingNotifier(60_000);
    const started = Date.now();
    const report = await runCanary(
      base({
        notifier: recorder.notifier,
        notifyFlushTimeoutMs: 500,
        deployer: { type: 'local', env: { N1V1_ERROR_RATE: '0.3' } },
      }),
    );
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/error rate/);
    expect(report.notifications.map((n) => n.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
    expect(report.notifications.every((n) => n.status !== 'delivered')).toBe(true);
    expect(Date.now() - started).toBeLessThan(40_000);
  });
});
