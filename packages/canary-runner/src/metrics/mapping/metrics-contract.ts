import { classifyStatus, type MetricMapping } from './metric-mapping.js';
import { METRIC_PRESETS, PRESET_NAMES } from './presets.js';

/** A series as the contract check sees it: a name and its labels. */
export interface SeriesInfo {
  name: string;
  labels: Record<string, string>;
}

/** What the contract check found wrong: one line, and whether more data could still fix it. */
export interface ContractProblem {
  problem: string;
  /**
   * False only for a counter that does not exist yet while nothing else matches either: a
   * client library creates a series on its first request, so a canary that has served
   * nothing has none. The runner fails on it if the run ends without data.
   */
  definitive: boolean;
}

/**
 * Checks, before the first judgement, that one side exposes what the analysis needs: the
 * request counter with a status it can read, and the latency histogram. Returns null when
 * it does, else one line naming what is missing and how to map it (the runner fails closed
 * on it: what it cannot read never passes).
 */
export function checkMetricsContract(
  series: readonly SeriesInfo[],
  mapping: MetricMapping,
  where: string,
): ContractProblem | null {
  const counter = series.filter((s) => s.name === mapping.requestCounter);
  if (counter.length === 0) {
    const hint = presetHint(series);
    return {
      problem: `metrics contract: ${where} has no ${mapping.requestCounter} series${hint.text}`,
      definitive: hint.preset !== undefined,
    };
  }
  const readable = counter.filter(
    (s) => classifyStatus(s.labels[mapping.statusLabel], mapping) !== 'unknown',
  );
  if (readable.length === 0) {
    const label = statusLikeLabel(counter);
    const seen = counter[0]!.labels[mapping.statusLabel];
    return {
      problem: `metrics contract: ${where} has ${mapping.requestCounter} without a readable status in label ${mapping.statusLabel}${seen === undefined ? '' : ` (value ${JSON.stringify(seen)})`}; ${label ? `set metrics.mapping.statusLabel to "${label}"` : 'set metrics.mapping.statusLabel to the label that holds the HTTP status'}${presetHint(series).text}`,
      definitive: true,
    };
  }
  const bucket = `${mapping.latencyHistogram}_bucket`;
  if (!series.some((s) => s.name === bucket && s.labels.le !== undefined)) {
    const candidates = [
      ...new Set(series.filter((s) => s.name.endsWith('_bucket')).map((s) => s.name)),
    ];
    return {
      problem: `metrics contract: ${where} has no latency histogram ${bucket}; set metrics.mapping.latencyHistogram (and latencyUnit) to its histogram${
        candidates.length
          ? ` (found ${candidates
              .slice(0, 3)
              .map((c) => c.replace(/_bucket$/, ''))
              .join(', ')})`
          : ''
      }`,
      definitive: true,
    };
  }
  return null;
}

/** "; it looks like X: set metrics.preset ..." when another preset's series are there. */
function presetHint(series: readonly SeriesInfo[]): { text: string; preset?: string } {
  const names = new Set(series.map((s) => s.name));
  const match = PRESET_NAMES.find((p) => {
    const m = METRIC_PRESETS[p];
    return series.some(
      (s) =>
        s.name === m.requestCounter && classifyStatus(s.labels[m.statusLabel], m) !== 'unknown',
    );
  });
  if (match) {
    const m = METRIC_PRESETS[match];
    return {
      text: ` (found ${m.requestCounter} with ${m.statusLabel}, as ${match} exposes it): set metrics.preset to "${match}", or map your series with metrics.mapping`,
      preset: match,
    };
  }
  const requestLike = [...names].filter((n) => /request/i.test(n) && /(_total|_count)$/.test(n));
  return {
    text: `; set metrics.preset (${PRESET_NAMES.join(', ')}) or metrics.mapping.requestCounter, statusLabel and latencyHistogram${requestLike.length ? ` (found ${requestLike.slice(0, 3).join(', ')})` : ''}`,
  };
}

function statusLikeLabel(counter: readonly SeriesInfo[]): string | undefined {
  const labels = new Set(counter.flatMap((s) => Object.keys(s.labels)));
  return [...labels].find((label) =>
    counter.some((s) => /^([1-5]\d\d|[1-5]xx)$/i.test(s.labels[label] ?? '')),
  );
}

/** The problem to act on among the sides': a definitive one first. */
export function pickProblem(
  problems: ReadonlyArray<ContractProblem | null | undefined>,
): ContractProblem | null {
  const found = problems.filter((p): p is ContractProblem => Boolean(p));
  return found.find((p) => p.definitive) ?? found[0] ?? null;
}
