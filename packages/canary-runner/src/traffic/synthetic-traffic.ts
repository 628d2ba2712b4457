import type { TrafficConfig, TrafficRequest } from '../config/config-types.js';

/** What the synthetic traffic did, per target. */
export interface TrafficStats {
  target: string;
  sent: number;
  /** Answers with status < 500. */
  ok: number;
  /** Answers >= 500, timeouts and refused connections. */
  failed: number;
  /** Ticks skipped because too many requests were still in flight (a stalled target). */
  skipped: number;
}

export interface TrafficOptions {
  targets: string[];
  /** Requests per second to each target; capped at 200. */
  ratePerSec: number;
  requests: TrafficRequest[];
  timeoutMs: number;
  /** Hard stop even if `stop()` is never called, in ms. */
  maxDurationMs: number;
}

export interface SyntheticTraffic {
  stop(): TrafficStats[];
}

/** Most requests in flight per target: a stalled target gets no pile-up. */
const MAX_IN_FLIGHT = 20;

/**
 * A bounded, low, steady request rate to the same paths on canary and baseline, so that a
 * quiet service still gives the analysis samples. Bounded three ways: the rate (<= 200/s),
 * the requests in flight, and a hard stop after `maxDurationMs`.
 */
export function startSyntheticTraffic(options: TrafficOptions): SyntheticTraffic {
  const rate = Math.min(Math.max(options.ratePerSec, 0.1), 200);
  const stats = options.targets.map((target) => ({
    target,
    sent: 0,
    ok: 0,
    failed: 0,
    skipped: 0,
    inFlight: 0,
  }));
  let next = 0;
  let stopped = false;
  const controller = new AbortController();

  const tick = () => {
    const request = options.requests[next++ % options.requests.length]!;
    for (const target of stats) {
      if (target.inFlight >= MAX_IN_FLIGHT) {
        target.skipped++;
        continue;
      }
      target.sent++;
      target.inFlight++;
      send(target.target, request, options.timeoutMs, controller.signal)
        .then((ok) => (ok ? target.ok++ : target.failed++))
        .finally(() => target.inFlight--);
    }
  };
  const timer = setInterval(tick, 1000 / rate);
  const deadline = setTimeout(() => stop(), options.maxDurationMs);
  timer.unref();
  deadline.unref();

  function stop(): TrafficStats[] {
    if (!stopped) {
      stopped = true;
      clearInterval(timer);
      clearTimeout(deadline);
      controller.abort();
    }
    return stats.map(({ inFlight: _, ...rest }) => rest);
  }
  return { stop };
}

async function send(
  base: string,
  request: TrafficRequest,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<boolean> {
  try {
    const response = await fetch(new URL(request.path, base), {
      method: request.method,
      ...(request.body === undefined
        ? {}
        : { body: JSON.stringify(request.body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]),
    });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * The run's configured synthetic traffic to `targets`, or none when `traffic.enabled` is off
 * or there is no target to send it to (nothing answers yet).
 */
export function startConfiguredTraffic(
  traffic: TrafficConfig,
  targets: Array<string | undefined>,
  maxDurationMs: number,
): SyntheticTraffic | undefined {
  const reachable = targets.filter((t): t is string => Boolean(t));
  if (!traffic.enabled || reachable.length === 0) return undefined;
  return startSyntheticTraffic({
    targets: reachable,
    ratePerSec: traffic.ratePerSec,
    requests: traffic.requests,
    timeoutMs: traffic.timeoutMs,
    maxDurationMs,
  });
}
