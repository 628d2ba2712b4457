import { setTimeout as sleep } from 'node:timers/promises';
import { formatBytes, formatMs } from '../format.js';
import type { HttpExchange } from '../http/http-types.js';
import {
  type Check,
  type CheckContext,
  type CheckOutcome,
  fail,
  pass,
  skip,
} from './check-types.js';
import { readSamples } from './parse-metrics.js';
import { describeAnswer } from './read-json.js';

export const RESOURCE_DEFAULTS = {
  maxRssMiB: 1024,
  maxEventLoopLagMs: 250,
  maxCpuPercent: 90,
  sampleMs: 1000,
};
const RSS = 'process_resident_memory_bytes';
const CPU = 'process_cpu_seconds_total';
const LAG_MAX = 'nodejs_eventloop_lag_max_seconds';
const LAG_P99 = 'nodejs_eventloop_lag_p99_seconds';
const METRICS_BODY_CAP = 4 * 1024 * 1024;

/**
 * `resources`: resident memory, event-loop delay and CPU from the service's own metrics,
 * each under its limit. Two scrapes `sampleMs` apart give the CPU use over the window and,
 * since prom-client resets its event-loop histogram on every scrape, the worst delay in
 * it: a p99 misses a stall of a few hundred ms once a second, the max does not. Skipped
 * with a reason when the service has no metrics or none of these.
 */
export const resourcesCheck: Check = {
  name: 'resources',
  async run(context): Promise<CheckOutcome> {
    const s = { ...RESOURCE_DEFAULTS, ...context.config.resources };
    const path = context.config.resources?.path ?? '/metrics';
    const first = await scrape(context, path);
    if ('outcome' in first) return first.outcome;
    if (![RSS, CPU, LAG_MAX, LAG_P99].some((name) => first.samples.has(name))) {
      return skip(`GET ${path} has none of ${RSS}, ${CPU}, ${LAG_MAX}, ${LAG_P99}`);
    }
    let latest = first;
    let cpuPercent: number | undefined;
    if (s.sampleMs > 0) {
      await sleep(s.sampleMs);
      const second = await scrape(context, path);
      if ('outcome' in second) return second.outcome;
      const cpuSec = second.samples.get(CPU)! - first.samples.get(CPU)!;
      if (Number.isFinite(cpuSec)) {
        cpuPercent = Math.round((cpuSec / ((second.at - first.at) / 1000)) * 1000) / 10;
      }
      latest = second;
    }
    // Only a second scrape's max covers a known window; a first one's may go back to start-up.
    const lagName = s.sampleMs > 0 && latest.samples.has(LAG_MAX) ? LAG_MAX : LAG_P99;
    const lagSec = latest.samples.get(lagName);
    const rss = latest.samples.get(RSS);
    const details: Record<string, unknown> = {};
    const problems: string[] = [];
    if (rss !== undefined) {
      details.rssMiB = Math.round((rss / 1024 / 1024) * 10) / 10;
      if (rss > s.maxRssMiB * 1024 * 1024) {
        problems.push(`resident memory ${formatBytes(rss)} over the ${s.maxRssMiB} MiB limit`);
      }
    }
    if (lagSec !== undefined) {
      const stat = lagName === LAG_MAX ? `max over ${formatMs(s.sampleMs)}` : 'p99';
      details.eventLoopDelayMs = Math.round(lagSec * 10000) / 10;
      details.eventLoopDelayStat = stat;
      if (lagSec * 1000 > s.maxEventLoopLagMs) {
        problems.push(
          `event-loop delay (${stat}) ${formatMs(lagSec * 1000)} over the ${formatMs(s.maxEventLoopLagMs)} limit`,
        );
      }
    }
    if (cpuPercent !== undefined) {
      details.cpuPercent = cpuPercent;
      if (cpuPercent > s.maxCpuPercent) {
        problems.push(`CPU ${cpuPercent}% of a core over the ${s.maxCpuPercent}% limit`);
      }
    }
    return problems.length ? fail(problems.join('; '), details) : pass(details);
  },
};

type Scrape = { samples: Map<string, number>; at: number } | { outcome: CheckOutcome };

async function scrape(context: CheckContext, path: string): Promise<Scrape> {
  const answer: HttpExchange = await context.http.request({
    path,
    headers: { accept: 'text/plain' },
    maxBodyBytes: Math.max(METRICS_BODY_CAP, context.config.maxBodyBytes ?? 0),
  });
  const at = performance.now();
  if (!answer.ok) return { outcome: fail(`GET ${path}: ${answer.reason}`) };
  if (answer.status === 404) {
    return { outcome: skip(`GET ${path} answered 404: the service exposes no metrics`) };
  }
  if (answer.status < 200 || answer.status > 299) {
    return {
      outcome: fail(`GET ${path}: expected 2xx Prometheus text, got ${describeAnswer(answer)}`),
    };
  }
  return { samples: readSamples(answer.body.toString('utf8'), [RSS, CPU, LAG_MAX, LAG_P99]), at };
}
