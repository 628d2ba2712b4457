import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TargetWindow } from '@n1v1/canary-analysis';
import { errorMessage } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { MetricsSource } from '../metrics/metrics-source.js';
import { statePath, validateEnvName } from './state-paths.js';

/** The baseline's intervals from before the run, and where they came from, for the report. */
export interface PreRunHistory {
  intervals: TargetWindow[];
  /** One line: how much history, from where (or why none). */
  detail: string;
}

/** Carried intervals older than this say little about today's service. */
const MAX_CARRIED_AGE_MS = 7 * 24 * 3600 * 1000;

interface CarriedFile {
  intervalSec: number;
  intervals: Array<{ atMs: number; window: TargetWindow }>;
}

export function carriedHistoryPath(stateDir: string, env: string): string {
  return statePath(stateDir, 'baseline-history', `${validateEnvName(env)}.json`);
}

/**
 * What the judge learns the baseline's normal variation from before the first look
 * (`analysis.baselineHistorySec`): the source's own history (a Prometheus range query of
 * the baseline's counters), else the baseline intervals of the environment's earlier runs
 * kept in the state directory, else none (the run's own baseline intervals only). History
 * is a prior for noise, not a verdict: a look-back that cannot be read leaves the run to
 * judge without it, and the report says so.
 */
export async function preRunHistory(
  config: ResolvedCanaryConfig,
  source: MetricsSource,
  hasBaseline: boolean,
  nowMs = Date.now(),
): Promise<PreRunHistory> {
  const lookBackSec = config.analysis.baselineHistorySec;
  if (!hasBaseline)
    return { intervals: [], detail: 'no baseline history: the run has no baseline' };
  if (lookBackSec <= 0)
    return { intervals: [], detail: 'no baseline history: analysis.baselineHistorySec is 0' };
  let problem = '';
  if (source.baselineHistory) {
    try {
      const intervals = (await source.baselineHistory(lookBackSec)).filter((w) => w.requests > 0);
      if (intervals.length > 0) {
        return {
          intervals,
          detail: `baseline history: ${intervals.length} intervals with traffic over the last ${lookBackSec} s, from Prometheus`,
        };
      }
      problem = `Prometheus has no baseline traffic in the last ${lookBackSec} s; `;
    } catch (error) {
      problem = `could not read the baseline's history from Prometheus (${errorMessage(error)}); `;
    }
  }
  const carried = readCarried(config, nowMs);
  if (carried.length > 0) {
    return {
      intervals: carried,
      detail: `${problem}baseline history: ${carried.length} intervals of the environment's earlier runs`,
    };
  }
  return {
    intervals: [],
    detail: `${problem}no baseline history yet: the first run of ${config.env} learns the baseline's variation from its own intervals only`,
  };
}

/**
 * Keeps the run's baseline intervals for the environment's next runs, up to
 * `baselineHistorySec` of them, newest last. Best effort: returns why it could not.
 */
export function carryHistory(
  config: ResolvedCanaryConfig,
  baseline: readonly TargetWindow[],
  nowMs = Date.now(),
): string | undefined {
  const keep = Math.floor(config.analysis.baselineHistorySec / config.monitor.intervalSec);
  if (keep <= 0 || baseline.length === 0) return undefined;
  try {
    const path = carriedHistoryPath(config.stateDir, config.env);
    const previous = readCarriedFile(config, nowMs);
    const added = baseline
      .filter((w) => w.requests > 0)
      .map((w) => ({
        atMs: nowMs,
        // Only the variation is used: counts and buckets, no routes.
        window: { requests: w.requests, errors: w.errors, latency: w.latency },
      }));
    const file: CarriedFile = {
      intervalSec: config.monitor.intervalSec,
      intervals: [...previous, ...added].slice(-keep),
    };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, `${JSON.stringify(file)}\n`);
    renameSync(`${path}.tmp`, path);
    return undefined;
  } catch (error) {
    return `could not keep the baseline's intervals for the next run: ${errorMessage(error)}`;
  }
}

function readCarried(config: ResolvedCanaryConfig, nowMs: number): TargetWindow[] {
  const keep = Math.floor(config.analysis.baselineHistorySec / config.monitor.intervalSec);
  return readCarriedFile(config, nowMs)
    .slice(-keep)
    .map(({ window }) => ({
      ...window,
      // JSON writes the +Inf bucket's bound as null.
      latency: window.latency.map((b) => ({
        le: b.le ?? Number.POSITIVE_INFINITY,
        count: b.count,
      })),
    }));
}

/** The intervals kept, when they were cut at this config's interval and are recent enough. */
function readCarriedFile(config: ResolvedCanaryConfig, nowMs: number): CarriedFile['intervals'] {
  const path = carriedHistoryPath(config.stateDir, config.env);
  if (!existsSync(path)) return [];
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CarriedFile>;
    // Dispersion depends on the interval's length: intervals of another length are not comparable.
    if (file.intervalSec !== config.monitor.intervalSec || !Array.isArray(file.intervals))
      return [];
    return file.intervals.filter(
      (i) =>
        typeof i?.atMs === 'number' && nowMs - i.atMs <= MAX_CARRIED_AGE_MS && isWindow(i.window),
    );
  } catch {
    return [];
  }
}

function isWindow(value: unknown): value is TargetWindow {
  const w = value as TargetWindow | undefined;
  return (
    typeof w?.requests === 'number' &&
    typeof w.errors === 'number' &&
    Array.isArray(w.latency) &&
    w.latency.every(
      (b) => typeof b?.count === 'number' && (typeof b.le === 'number' || b.le === null),
    )
  );
}
