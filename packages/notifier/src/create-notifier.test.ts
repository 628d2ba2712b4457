import { describe, expect, it } from 'vitest';
import { createNotifier } from './create-notifier.js';
import type { DeploymentEvent } from './event.js';
import { NotifierError } from './notifier-error.js';
import type { Sink, SinkResult } from './sink.js';

const event = (n: number, extra: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  type: 'deploy.started',
  service: 'n1v1',
  environment: 'staging',
  version: '1.4.2',
  runId: `run-${n}`,
  ...extra,
});

/** A sink that records what it got and answers as told; `gate` holds each delivery until released. */
function recordingSink(
  answer: (e: DeploymentEvent) => SinkResult | Promise<SinkResult> = () => ({
    status: 'delivered',
    attempts: 1,
  }),
) {
  const seen: DeploymentEvent[] = [];
  let active = 0;
  let maxActive = 0;
  const sink: Sink = {
    name: 'recording',
    describe: () => 'recording sink',
    async deliver(e) {
      active++;
      maxActive = Math.max(maxActive, active);
      seen.push(e);
      await new Promise((resolve) => setTimeout(resolve, 2));
      try {
        return await answer(e);
      } finally {
        active--;
      }
    },
  };
  return { sink, seen, maxActive: () => maxActive };
}

describe('createNotifier', () => {
  it('hands each sink one event at a time, in send order, stamped with the send time', async () => {
    const a = recordingSink();
    const b = recordingSink();
    const notifier = createNotifier([a.sink, b.sink]);
    const outcomes = [];
    for (let n = 1; n <= 5; n++) outcomes.push(await notifier.send(event(n)));
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      [1, 'queued'],
      [2, 'queued'],
      [3, 'queued'],
      [4, 'queued'],
      [5, 'queued'],
    ]);
    const report = await notifier.flush();
    expect(report).toMatchObject({
      ok: true,
      delivered: 5,
      undelivered: 0,
      timedOut: false,
      failures: [],
    });
    for (const r of [a, b]) {
      expect(r.seen.map((e) => e.runId)).toEqual(['run-1', 'run-2', 'run-3', 'run-4', 'run-5']);
      expect(r.maxActive()).toBe(1);
      for (const e of r.seen) expect(Date.parse(e.timestamp!)).not.toBeNaN();
    }
    const delivery = await outcomes[0]!.delivery;
    expect(delivery).toMatchObject({ id: 1, type: 'deploy.started', delivered: true });
    expect(delivery.sinks).toHaveLength(2);
    expect(delivery.sinks[0]).toMatchObject({
      sink: 'recording sink',
      status: 'delivered',
      attempts: 1,
    });
  });

  it('keeps a given timestamp', async () => {
    const a = recordingSink();
    const notifier = createNotifier([a.sink]);
    await notifier.send(event(1, { timestamp: '2025-05-01T10:00:00.000Z' }));
    await notifier.flush();
    expect(a.seen[0]!.timestamp).toBe('2025-05-01T10:00:00.000Z');
  });

  it('rejects an invalid event without throwing and reports it at the next flush', async () => {
    const a = recordingSink();
    const notifier = createNotifier([a.sink]);
    const outcome = await notifier.send({ type: 'deploy.exploded', service: 'n1v1' } as never);
    expect(outcome).toMatchObject({ id: 1, status: 'rejected' });
    expect(outcome.error).toMatch(
      /^event rejected: type must be one of .*; environment must be a non-empty string/,
    );
    expect(await outcome.delivery).toEqual({
      id: 1,
      type: 'deploy.exploded',
      delivered: false,
      sinks: [],
    });
    const report = await notifier.flush();
    expect(report).toMatchObject({ ok: false, delivered: 0, undelivered: 1 });
    expect(report.failures[0]).toMatchObject({ id: 1, sink: 'notifier', status: 'rejected' });
    expect(a.seen).toEqual([]);
    expect((await notifier.send(null as never)).status).toBe('rejected');
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom token=abcdef123');
        },
      },
    );
    expect(await notifier.send(throwing as never)).toMatchObject({
      status: 'rejected',
      error: 'event rejected: boom token=***',
    });
  });

  it('records a sink that throws, rejects or answers nonsense as failed, and carries on', async () => {
    let n = 0;
    const flaky: Sink = {
      name: 'flaky',
      describe: () => 'flaky sink token=abcdef123',
      deliver: () => {
        n++;
        if (n === 1) throw new Error('sync boom');
        if (n === 2) return Promise.reject('async boom');
        if (n === 3) return Promise.resolve(undefined as never);
        if (n === 4) return Promise.resolve({ status: 'failed' } as SinkResult);
        return Promise.resolve({ status: 'delivered', attempts: 1 });
      },
    };
    const notifier = createNotifier([flaky]);
    for (let i = 1; i <= 5; i++) await notifier.send(event(i));
    const report = await notifier.flush();
    expect(report.delivered).toBe(1);
    expect(report.failures.map((f) => [f.sink, f.error])).toEqual([
      ['flaky sink token=***', 'sink failed: sync boom'],
      ['flaky sink token=***', 'sink failed: async boom'],
      ['flaky sink token=***', 'sink returned no result'],
      ['flaky sink token=***', 'failed'],
    ]);
  });

  it('falls back to the sink name when describe() throws', async () => {
    const odd: Sink = {
      name: 'odd',
      describe: () => {
        throw new Error('no');
      },
      deliver: async () => ({ status: 'delivered', attempts: 1 }),
    };
    const notifier = createNotifier([odd]);
    const delivery = await (await notifier.send(event(1))).delivery;
    expect(delivery.sinks[0]!.sink).toBe('odd');
  });

  it('refuses what is not a list of sinks, or a negative flush timeout', () => {
    expect(() => createNotifier('discord' as never)).toThrow(NotifierError);
    expect(() => createNotifier([{ name: 'x' } as never])).toThrow(
      'createNotifier needs an array of sinks (each with name, describe() and deliver())',
    );
    expect(() => createNotifier([], { flushTimeoutMs: -5 })).toThrow(
      'flushTimeoutMs must be a number of ms >= 0',
    );
  });

  it('delivers vacuously with no sinks and describes its sinks', async () => {
    const notifier = createNotifier([]);
    expect(notifier.describe()).toEqual([]);
    await notifier.send(event(1));
    expect(await notifier.flush({ timeoutMs: -1 })).toMatchObject({ ok: true, delivered: 1 });
  });

  it('forgets finished events beyond 1000 unreported ones, so a notifier never flushed stays small', async () => {
    let fail = false;
    const sink: Sink = {
      name: 'instant',
      describe: () => 'instant sink',
      deliver: async () =>
        fail
          ? { status: 'failed', attempts: 1, error: 'no' }
          : { status: 'delivered', attempts: 1 },
    };
    const notifier = createNotifier([sink]);
    for (let n = 1; n <= 1200; n++) await (await notifier.send(event(n))).delivery;
    const delivered = await notifier.flush();
    expect(delivered.ok).toBe(true);
    expect(delivered.delivered).toBeLessThanOrEqual(1001);
    fail = true;
    for (let n = 1; n <= 1200; n++) await (await notifier.send(event(n))).delivery;
    const failed = await notifier.flush();
    expect(failed.failures.length).toBeLessThanOrEqual(1001);
    expect(failed.failures.at(-1)!.id).toBe(2400);
  });
});
