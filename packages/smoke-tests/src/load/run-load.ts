import type { Instance, Result } from 'autocannon';
import { tlsConnectOptions } from '../http/tls-options.js';
import { redactSecrets, secretHeaderValues } from '../run/redact.js';
import { parseTarget, resolvePath } from '../target.js';
import { judgeLoad, type LoadMeasurement } from './judge-load.js';
import { LatencyHistogram } from './latency-histogram.js';
import { resolveLoadOptions } from './load-limits.js';
import type { LoadOptions, LoadReport } from './load-types.js';
import { nodeParserSetup } from './node-response-parser.js';

/**
 * The load check: an autocannon run (loaded on first use) against one path, bounded in
 * duration and connections, judged by p99 latency, error rate and requests per second.
 * Timeouts, connection errors and non-2xx answers all count as errors.
 *
 * Latency comes from our own histogram, not autocannon's: autocannon times each response
 * with `process.hrtime` but records it in whole milliseconds, which at loopback speeds
 * reads a 0.23 ms p50 as 0 ms. Every answer is recorded, whatever its status, as wrk does.
 * Answers are parsed by node's own HTTP parser (see `node-response-parser.ts`).
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const base = parseTarget(options.url);
  const o = resolveLoadOptions(options);
  const url = resolvePath(base, o.path);
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] ??= typeof o.body === 'string' ? 'text/plain' : 'application/json';
  }
  const { default: autocannon } = await import('autocannon');
  const latency = new LatencyHistogram();
  const setupClient = nodeParserSetup({ method: o.method });
  const result = await new Promise<RawResult>((resolve, reject) => {
    const instance: Instance = autocannon(
      {
        ...recordInto(latency),
        ...(setupClient ? { setupClient } : {}),
        url: url.href,
        connections: o.connections,
        duration: o.durationSec,
        timeout: Math.max(1, Math.ceil(o.timeoutMs / 1000)),
        method: o.method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(url.protocol === 'https:' ? { tlsOptions: tlsConnectOptions(o) } : {}),
      },
      (error: unknown, finished: unknown) =>
        error ? reject(error) : resolve(finished as RawResult),
    );
    wireProgressAndStop(instance, o);
  });
  return redactSecrets(judgeLoad(measure(result, o, latency), o), [
    o.token,
    ...secretHeaderValues(o.headers),
  ]);
}

function wireProgressAndStop(instance: Instance, o: ReturnType<typeof resolveLoadOptions>): void {
  let requests = 0;
  let errors = 0;
  const started = Date.now();
  // The typings omit the counts autocannon passes to 'tick'.
  (instance as NodeJS.EventEmitter).on('tick', (counts: { counter: number }) => {
    requests += counts.counter;
    o.onProgress?.({
      type: 'load-tick',
      elapsedSec: Math.min(o.durationSec, (Date.now() - started) / 1000),
      durationSec: o.durationSec,
      requests,
      errors,
    });
  });
  instance.on('reqError', () => {
    errors++;
  });
  const stop = () => instance.stop();
  if (o.signal?.aborted) stop();
  o.signal?.addEventListener('abort', stop, { once: true });
  // autocannon ends by itself; this only guards against a run that would not.
  const guard = setTimeout(stop, (o.durationSec + o.timeoutMs / 1000 + 10) * 1000);
  instance.on('done', () => {
    clearTimeout(guard);
    o.signal?.removeEventListener('abort', stop);
  });
}

/** The counts of autocannon's run as it hands them over without its aggregation step. */
type RawResult = Pick<Result, 'statusCodeStats' | 'errors' | 'timeouts' | 'non2xx' | 'duration'>;

/**
 * autocannon options that make it record each response's time (fractional ms from
 * `process.hrtime`, every status: `excludeErrorStats` is off) straight into our histogram,
 * in place of its own whole-millisecond WebAssembly one, and skip the aggregation that
 * would read that one: a JS-to-WebAssembly call per response saved on the load generator,
 * whose own CPU is added to every round trip it times. `histograms` and
 * `skipAggregateResult` are the options autocannon's worker mode uses; the load tests run
 * the real autocannon, so an upgrade that changed them would fail there.
 */
function recordInto(latency: LatencyHistogram): Record<string, unknown> {
  const sink = {
    __custom: true,
    recordValue: (ms: number) => latency.record(ms),
    recordValueWithExpectedInterval: (ms: number) => latency.record(ms),
    reset: () => undefined,
    destroy: () => undefined,
  };
  return { histograms: { latencies: sink }, skipAggregateResult: true };
}

function measure(
  result: RawResult,
  o: { path: string; connections: number },
  latency: LatencyHistogram,
): LoadMeasurement {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  const answered = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  // autocannon counts timeouts among its errors.
  const connection = result.errors - result.timeouts;
  const requests = answered + result.errors;
  const errors = result.errors + result.non2xx;
  const durationSec = result.duration;
  return {
    latencyMs: {
      p50: toMicros(latency.percentileMs(50)),
      p90: toMicros(latency.percentileMs(90)),
      p99: toMicros(latency.percentileMs(99)),
      p999: toMicros(latency.percentileMs(99.9)),
      max: toMicros(latency.maxMs),
    },
    rps: durationSec > 0 ? Math.round((answered / durationSec) * 10) / 10 : 0,
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : 1,
    errorKinds: { non2xx: result.non2xx, timeouts: result.timeouts, connection },
    statusCodes,
    durationSec,
    connections: o.connections,
    path: o.path,
  };
}

/** Milliseconds kept to the microsecond: finer than that is noise in a JSON report. */
function toMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
