import type { ReadBin, TargetWindow } from '@n1v1/canary-analysis';
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
  /**
   * Reads per interval the monitor may make (`metrics.readsPerInterval`), for the plan
   * only: the reads between polls are `readBetween`'s. Default 1.
   */
  readsPerInterval?: number;
}

interface Side {
  name: 'canary' | 'baseline';
  url: string;
  first?: CounterSnapshot;
  last?: CounterSnapshot;
  /** What the contract check found on the first scrape that answered: null when all is there. */
  contract?: ContractProblem | null;
  /** The snapshot of the last read that answered, where the next bin starts. */
  binFrom?: CounterSnapshot;
  /** Bins closed since the last poll that took them. */
  bins: ReadBin[];
}

/**
 * Reads `/metrics` of the canary and the baseline directly (no Prometheus needed): each
 * poll's window is the delta of the mapped request counter and latency histogram since the
 * previous scrape. Reads between polls (`readBetween`) cut the poll's interval into
 * sub-interval bins of requests and errors, which show a burst inside the interval.
 */
export function scrapeSource(options: ScrapeSourceOptions): MetricsSource {
  const canary: Side = { name: 'canary', url: options.canaryUrl, bins: [] };
  const baseline: Side | undefined = options.baselineUrl
    ? { name: 'baseline', url: options.baselineUrl, bins: [] }
    : undefined;
  const sides = [canary, ...(baseline ? [baseline] : [])];
  const reads = options.readsPerInterval ?? 1;

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
      closeBin(side, now);
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

  /** A failed read leaves `binFrom` where it was: its bin merges into the next. */
  function closeBin(side: Side, now: CounterSnapshot): void {
    if (side.binFrom) {
      const { requests, errors } = windowBetween(side.binFrom, now);
      side.bins.push({ requests, errors });
    }
    side.binFrom = now;
  }

  // One read at a time: the bins of a side follow each other in time.
  let inFlight: Promise<void> | undefined;
  let cutting = false;

  function readBetween(): Promise<void> {
    cutting = true;
    if (inFlight) return inFlight;
    const reading = Promise.all(sides.map(readBin)).then(() => {
      inFlight = undefined;
    });
    inFlight = reading;
    return reading;
  }

  /** A read between polls: it only closes a bin (the poll's deltas stay since the last poll). */
  async function readBin(side: Side): Promise<void> {
    try {
      closeBin(side, snapshotCounters(await scrape(side), options.mapping, options.excludeRoutes));
    } catch {
      // Its bin merges into the next; the poll's own read reports a target that stays down.
    }
  }

  async function collect(from: 'last' | 'first'): Promise<MetricsPoll> {
    await inFlight;
    const problems: string[] = [];
    const [c, b] = await Promise.all([
      read(canary, from, problems),
      baseline ? read(baseline, from, problems) : Promise.resolve(undefined),
    ]);
    return {
      canary: c,
      ...(baseline ? { baseline: b as TargetWindow | null } : {}),
      ...takeBins(c, b),
      problems,
    };
  }

  /**
   * The bins of each side read now, once reads between polls cut them; a side whose read
   * failed keeps its bins for the next poll (they come before its next bin).
   */
  function takeBins(
    c: TargetWindow | null,
    b: TargetWindow | null | undefined,
  ): Pick<MetricsPoll, 'reads'> {
    const reads: NonNullable<MetricsPoll['reads']> = {};
    for (const [side, window] of [
      [canary, c],
      [baseline, b],
    ] as const) {
      if (!side || !window) continue;
      if (cutting) reads[side.name] = side.bins;
      side.bins = [];
    }
    return cutting ? { reads } : {};
  }

  return {
    plan(): PlannedAction[] {
      return sides.map((side) => ({
        step: 'monitor',
        kind: 'http',
        // Plain concatenation: a dry run plans with placeholders that are not URLs.
        summary: `GET ${side.url.replace(/\/$/, '')}/metrics every interval (${options.mapping.requestCounter} by ${options.mapping.statusLabel} and ${options.mapping.latencyHistogram} deltas)${reads > 1 ? `, ${reads} times per interval while the environment's kept history is shorter than analysis.baselineHistorySec` : ''}`,
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
    readBetween,
    async stop() {
      await inFlight;
    },
  };
}
