import { describeFetchError, httpRequest } from '../probes/http-get.js';
import type { PlannedAction } from '../run/planned-action.js';
import type { MetricsPoll, MetricsSource } from './metrics-source.js';
import { parsePrometheusText } from './prometheus-text.js';
import { type CounterSnapshot, snapshotCounters, windowBetween } from './request-counters.js';
import type { TargetWindow } from './target-window.js';

export interface ScrapeSourceOptions {
  canaryUrl: string;
  baselineUrl?: string;
  excludeRoutes: string[];
  timeoutMs: number;
}

interface Side {
  url: string;
  first?: CounterSnapshot;
  last?: CounterSnapshot;
}

/**
 * Reads `/metrics` of the canary and the baseline directly (no Prometheus needed): each
 * poll's window is the delta of the request counter and duration histogram since the
 * previous scrape.
 */
export function scrapeSource(options: ScrapeSourceOptions): MetricsSource {
  const canary: Side = { url: options.canaryUrl };
  const baseline: Side | undefined = options.baselineUrl ? { url: options.baselineUrl } : undefined;

  async function scrape(side: Side): Promise<CounterSnapshot> {
    const answer = await httpRequest(new URL('/metrics', side.url).href, {
      timeoutMs: options.timeoutMs,
      headers: { accept: 'text/plain' },
    });
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    return snapshotCounters(parsePrometheusText(answer.body), options.excludeRoutes);
  }

  async function read(side: Side, from: 'last' | 'first', problems: string[], name: string) {
    try {
      const now = await scrape(side);
      const before = side[from];
      side.last = now;
      side.first ??= now;
      return before ? windowBetween(before, now) : null;
    } catch (error) {
      problems.push(
        `could not scrape the ${name}'s /metrics: ${describeFetchError(error, options.timeoutMs)}`,
      );
      return null;
    }
  }

  async function collect(from: 'last' | 'first'): Promise<MetricsPoll> {
    const problems: string[] = [];
    const [c, b] = await Promise.all([
      read(canary, from, problems, 'canary'),
      baseline ? read(baseline, from, problems, 'baseline') : Promise.resolve(undefined),
    ]);
    return { canary: c, ...(baseline ? { baseline: b as TargetWindow | null } : {}), problems };
  }

  return {
    plan(): PlannedAction[] {
      return [canary, ...(baseline ? [baseline] : [])].map((side) => ({
        step: 'monitor',
        kind: 'http',
        // Plain concatenation: a dry run plans with placeholders that are not URLs.
        summary: `GET ${side.url.replace(/\/$/, '')}/metrics every interval (request counter and duration histogram deltas)`,
      }));
    },
    async start() {
      const problems: string[] = [];
      await Promise.all([
        read(canary, 'last', problems, 'canary'),
        baseline && read(baseline, 'last', problems, 'baseline'),
      ]);
    },
    poll: () => collect('last'),
    total: () => collect('first'),
  };
}
