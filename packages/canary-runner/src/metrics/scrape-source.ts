import type { TargetWindow } from '@n1v1/canary-analysis';
import { describeFetchError, httpRequest } from '../probes/http-get.js';
import type { PlannedAction } from '../run/planned-action.js';
import type { MetricMapping } from './mapping/metric-mapping.js';
import {
  type ContractProblem,
  checkMetricsContract,
  pickProblem,
} from './mapping/metrics-contract.js';
import type { MetricsPoll, MetricsSource } from './metrics-source.js';
import { type MetricSample, parsePrometheusText } from './prometheus-text.js';
import { type CounterSnapshot, snapshotCounters, windowBetween } from './request-counters.js';

export interface ScrapeSourceOptions {
  canaryUrl: string;
  baselineUrl?: string;
  mapping: MetricMapping;
  excludeRoutes: string[];
  timeoutMs: number;
}

interface Side {
  name: 'canary' | 'baseline';
  url: string;
  first?: CounterSnapshot;
  last?: CounterSnapshot;
  /** What the contract check found on the first scrape that answered: null when all is there. */
  contract?: ContractProblem | null;
}

/**
 * Reads `/metrics` of the canary and the baseline directly (no Prometheus needed): each
 * poll's window is the delta of the mapped request counter and latency histogram since the
 * previous scrape.
 */
export function scrapeSource(options: ScrapeSourceOptions): MetricsSource {
  const canary: Side = { name: 'canary', url: options.canaryUrl };
  const baseline: Side | undefined = options.baselineUrl
    ? { name: 'baseline', url: options.baselineUrl }
    : undefined;
  const sides = [canary, ...(baseline ? [baseline] : [])];

  async function scrape(side: Side): Promise<MetricSample[]> {
    const answer = await httpRequest(new URL('/metrics', side.url).href, {
      timeoutMs: options.timeoutMs,
      headers: { accept: 'text/plain' },
    });
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
    return parsePrometheusText(answer.body);
  }

  async function read(side: Side, from: 'last' | 'first', problems: string[]) {
    try {
      const samples = await scrape(side);
      const now = snapshotCounters(samples, options.mapping, options.excludeRoutes);
      const before = side[from];
      side.last = now;
      side.first ??= now;
      // Checked until it holds: a counter appears with the first request it counts.
      if (side.contract !== null)
        side.contract = checkMetricsContract(
          samples,
          options.mapping,
          `the ${side.name}'s /metrics`,
        );
      return before ? windowBetween(before, now) : null;
    } catch (error) {
      const problem = `could not scrape the ${side.name}'s /metrics: ${describeFetchError(error, options.timeoutMs)}`;
      problems.push(problem);
      return null;
    }
  }

  async function collect(from: 'last' | 'first'): Promise<MetricsPoll> {
    const problems: string[] = [];
    const [c, b] = await Promise.all([
      read(canary, from, problems),
      baseline ? read(baseline, from, problems) : Promise.resolve(undefined),
    ]);
    return { canary: c, ...(baseline ? { baseline: b as TargetWindow | null } : {}), problems };
  }

  return {
    plan(): PlannedAction[] {
      return sides.map((side) => ({
        step: 'monitor',
        kind: 'http',
        // Plain concatenation: a dry run plans with placeholders that are not URLs.
        summary: `GET ${side.url.replace(/\/$/, '')}/metrics every interval (${options.mapping.requestCounter} by ${options.mapping.statusLabel} and ${options.mapping.latencyHistogram} deltas)`,
      }));
    },
    async start() {
      await Promise.all(sides.map((side) => read(side, 'last', [])));
    },
    async contract() {
      // A side not read yet is checked on its first answer; failed reads spend the error budget.
      return pickProblem(sides.map((side) => side.contract));
    },
    poll: () => collect('last'),
    total: () => collect('first'),
  };
}
