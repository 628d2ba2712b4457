import { deliverToSink } from './deliver-to-sink.js';
import { sleep } from './delivery/sleep.js';
import type { DeploymentEvent } from './event.js';
import { NotifierError } from './notifier-error.js';
import type {
  DeliveryFailure,
  EventDelivery,
  FlushOptions,
  FlushReport,
  Notifier,
  NotifierOptions,
  SendOutcome,
} from './notifier-types.js';
import { redact } from './redact.js';
import type { Sink } from './sink.js';
import { validateEventOrReason } from './validate-event.js';

export const DEFAULT_FLUSH_TIMEOUT_MS = 5000;

interface Pending {
  controller: AbortController;
  delivery: Promise<EventDelivery>;
  rejected?: string;
  /** Set once every sink is done: delivered or not. */
  done?: EventDelivery;
}

// Without a flush, a long-lived process would keep every event: beyond this many
// unreported events, finished ones are forgotten, delivered ones first.
const MAX_UNREPORTED = 1000;

/**
 * A notifier over any number of sinks. `send` queues and returns at once (a notifier
 * never holds up a deployment decision); each sink receives events one at a time in send
 * order; `flush` waits for them up to a deadline. Throws `E_CONFIG_INVALID` only for
 * something that is not a sink.
 */
export function createNotifier(sinks: Sink[], options: NotifierOptions = {}): Notifier {
  if (!Array.isArray(sinks) || !sinks.every(isSink)) {
    throw new NotifierError(
      'E_CONFIG_INVALID',
      'createNotifier needs an array of sinks (each with name, describe() and deliver())',
    );
  }
  const defaultTimeoutMs = options.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS;
  if (!isDuration(defaultTimeoutMs)) {
    throw new NotifierError('E_CONFIG_INVALID', 'flushTimeoutMs must be a number of ms >= 0');
  }
  const ownSinks = [...sinks];
  const tails: Array<Promise<unknown>> = ownSinks.map(() => Promise.resolve());
  let unreported: Pending[] = [];
  let nextId = 1;

  function enqueue(id: number, event: DeploymentEvent): Pending {
    // A copy, so that a caller who reuses or edits its event object changes nothing queued.
    const stamped = { ...event, timestamp: event.timestamp ?? new Date().toISOString() };
    if (event.details) stamped.details = { ...event.details };
    const controller = new AbortController();
    const perSink = ownSinks.map((sink, i) => {
      const run = tails[i]!.then(() => deliverToSink(sink, stamped, controller.signal));
      tails[i] = run;
      return run;
    });
    const delivery = Promise.all(perSink).then((results) => ({
      id,
      type: event.type,
      delivered: results.every((r) => r.status === 'delivered'),
      sinks: results,
    }));
    return { controller, delivery };
  }

  function send(event: DeploymentEvent): Promise<SendOutcome> {
    const id = nextId++;
    let pending: Pending;
    try {
      const rejected = validateEventOrReason(event);
      pending = rejected ? rejectedPending(id, event, rejected) : enqueue(id, event);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      pending = rejectedPending(id, event, `event rejected: ${redact(why)}`);
    }
    pending.delivery.then((done) => {
      pending.done = done;
    });
    unreported.push(pending);
    if (unreported.length > MAX_UNREPORTED) {
      unreported = unreported.filter((p) => !p.done?.delivered);
      while (unreported.length > MAX_UNREPORTED && unreported[0]?.done) unreported.shift();
    }
    const outcome: SendOutcome = pending.rejected
      ? { id, status: 'rejected', error: pending.rejected, delivery: pending.delivery }
      : { id, status: 'queued', delivery: pending.delivery };
    return Promise.resolve(outcome);
  }

  async function flush(flushOptions: FlushOptions = {}): Promise<FlushReport> {
    const start = performance.now();
    const timeoutMs = isDuration(flushOptions?.timeoutMs)
      ? flushOptions.timeoutMs
      : defaultTimeoutMs;
    const batch = unreported;
    unreported = [];
    const all = Promise.all(batch.map((p) => p.delivery));
    const stopTimer = new AbortController();
    const finished = await Promise.race([
      all.then(() => true),
      sleep(timeoutMs, stopTimer.signal).then(() => false),
    ]);
    stopTimer.abort();
    if (!finished) for (const p of batch) if (!p.done) p.controller.abort();
    const deliveries = await all;
    return report(deliveries, batch, !finished, performance.now() - start);
  }

  return {
    send,
    flush,
    sinks: ownSinks,
    describe: () => ownSinks.map((sink) => redact(sink.describe())),
  };
}

function rejectedPending(id: number, event: unknown, reason: string): Pending {
  let type = 'unknown';
  try {
    type = String((event as { type?: unknown } | null)?.type ?? type);
  } catch {
    // An event whose very fields throw is reported under `unknown`.
  }
  const delivery: EventDelivery = { id, type, delivered: false, sinks: [] };
  return {
    controller: new AbortController(),
    delivery: Promise.resolve(delivery),
    rejected: reason,
  };
}

function report(
  deliveries: EventDelivery[],
  batch: Pending[],
  timedOut: boolean,
  durationMs: number,
): FlushReport {
  const failures: DeliveryFailure[] = [];
  deliveries.forEach((d, i) => {
    const rejected = batch[i]!.rejected;
    if (rejected) {
      failures.push({
        id: d.id,
        type: d.type,
        sink: 'notifier',
        status: 'rejected',
        error: rejected,
      });
    }
    for (const s of d.sinks) {
      if (s.status !== 'delivered') {
        failures.push({
          id: d.id,
          type: d.type,
          sink: s.sink,
          status: s.status,
          error: s.error ?? s.status,
        });
      }
    }
  });
  const delivered = deliveries.filter((d) => d.delivered).length;
  return {
    ok: delivered === deliveries.length,
    delivered,
    undelivered: deliveries.length - delivered,
    timedOut: timedOut && failures.some((f) => f.status === 'abandoned'),
    durationMs: Math.round(durationMs),
    failures,
  };
}

function isSink(value: unknown): value is Sink {
  const sink = value as Partial<Sink> | null;
  return (
    typeof sink === 'object' &&
    sink !== null &&
    typeof sink.deliver === 'function' &&
    typeof sink.describe === 'function'
  );
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
