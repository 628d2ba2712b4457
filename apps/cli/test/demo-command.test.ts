import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo/run-demo.js';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidsIn(text: string): number[] {
  return [...text.matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
}

/** A notifier that records what it was sent, standing in for the console sink. */
function recordingNotifier() {
  const sent: string[] = [];
  const notifier = {
    send: async (event: { type: string }) => {
      sent.push(event.type);
      return { id: String(sent.length), status: 'queued' as const, delivery: Promise.resolve([]) };
    },
    flush: async () => ({
      ok: true,
      delivered: sent.length,
      undelivered: 0,
      timedOut: false,
      durationMs: 0,
      failures: [],
    }),
  };
  return { sent, notifier: notifier as unknown as Parameters<typeof runDemo>[0]['notifier'] };
}

describe('n1v1 demo', () => {
  it('promotes the good canary, rolls back the bad one with the reason, prints every notification, and exits 0', async () => {
    const io = memoryIo({});
    const code = await main(['demo', '--monitor=6s', '--interval=2s'], io);
    const out = io.out();
    const err = io.err();
    expect(out).toContain('n1v1 1.1.0 in demo: PROMOTED');
    expect(out).toContain('n1v1 1.2.0-bad in demo: ROLLED BACK');
    expect(out).toMatch(/reason: step \d\/3 \(\d+ %\): error rate \d+\.\d+% /);
    // The simulated users went through haproxy: each step shows the share the canary got.
    expect(out).toMatch(/step 1\/3 {3}20 % {2}canary got +\d+\.\d % of \d+ requests {2}pass/);
    expect(out).toMatch(/promotion 100 %/);
    expect(out).toMatch(/traffic cut to 0 % in \d+ ms, before the rollback started/);
    expect(out).toContain('smoke + load on the stable version: pass');
    expect(out).toContain('every outcome was as expected');
    for (const event of [
      'deploy.started',
      'deploy.succeeded',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]) {
      expect(err).toContain(event);
    }
    expect(code).toBe(0);
    const pids = pidsIn(out + err);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    for (const pid of pids) expect(alive(pid), `process ${pid} is still running`).toBe(false);
  }, 120_000);

  it('stops the stable service and rolls back when it is interrupted', async () => {
    const controller = new AbortController();
    const { notifier, sent } = recordingNotifier();
    const finished: Array<{ name: string; verdict: string }> = [];
    let stablePid = 0;
    const demo = runDemo({
      monitorSec: 30,
      intervalSec: 2,
      loadSec: 1,
      notifier,
      signal: controller.signal,
      onStep: (step) => {
        if (step.type === 'stable.started') stablePid = step.pid;
        if (step.type === 'canary.started')
          setTimeout(() => controller.abort(new Error('interrupted')), 3000);
        if (step.type === 'canary.finished')
          finished.push({ name: step.name, verdict: step.report.verdict });
      },
    });
    await expect(demo).rejects.toThrow('interrupted');
    expect(stablePid).toBeGreaterThan(0);
    expect(alive(stablePid)).toBe(false);
    expect(finished).toEqual([{ name: 'good', verdict: 'rolled-back' }]);
    expect(sent).toEqual(expect.arrayContaining(['rollback.started', 'rollback.completed']));
    expect(sent).not.toContain('deploy.succeeded');
  }, 120_000);

  it.each([
    [['--interval=500ms'], '--interval must be at least 1s'],
    [['--monitor=2s', '--interval=3s'], '--monitor at least one interval'],
    [['--monitor=soon'], '--monitor "soon" is not a duration'],
    [['--frobnicate'], 'unknown flag "--frobnicate"'],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const io = memoryIo({});
    expect(await main(['demo', ...args], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });
});
