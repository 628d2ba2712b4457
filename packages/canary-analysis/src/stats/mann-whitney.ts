import { normalUpperTail } from './normal.js';

/** Observations of one value, `count` times: a histogram bucket, or the 0/1 of "was an error". */
export interface WeightedValue {
  value: number;
  count: number;
}

export interface MannWhitneyResult {
  /** U of the first sample: pairs where it is larger, plus half the ties. */
  u: number;
  n1: number;
  n2: number;
  /** z of the normal approximation, with tie and continuity correction; 0 when undefined. */
  z: number;
  /** One-sided p-value of "the first sample tends to be larger than the second". */
  pValue: number;
  /** U / (n1 n2): the chance a random first value beats a random second one (0.5 = same). */
  effect: number;
}

/**
 * One-sided Mann-Whitney U test (as Kayenta judges canary against baseline) with the normal
 * approximation, the tie correction and a continuity correction. Takes weighted values so
 * that histogram buckets and error counts, which are nothing but ties, are tested without
 * expanding them into one entry per request. When every value ties there is no evidence
 * either way: p = 1.
 */
export function mannWhitneyGreater(x: WeightedValue[], y: WeightedValue[]): MannWhitneyResult {
  const n1 = total(x);
  const n2 = total(y);
  const empty = { u: 0, n1, n2, z: 0, pValue: 1, effect: 0.5 };
  if (n1 === 0 || n2 === 0) return empty;
  const groups = new Map<number, { a: number; b: number }>();
  for (const { value, count } of x) add(groups, value, count, 0);
  for (const { value, count } of y) add(groups, value, count, 1);
  const values = [...groups.keys()].sort((a, b) => a - b);
  let rank = 0;
  let rankSum = 0;
  let tieTerm = 0;
  for (const value of values) {
    const { a, b } = groups.get(value)!;
    const t = a + b;
    rankSum += a * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  }
  const n = n1 + n2;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const effect = u / (n1 * n2);
  if (!(variance > 0)) return { ...empty, u, effect };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { u, n1, n2, z, pValue: normalUpperTail(z), effect };
}

function total(values: WeightedValue[]): number {
  return values.reduce((sum, v) => sum + v.count, 0);
}

function add(
  groups: Map<number, { a: number; b: number }>,
  value: number,
  count: number,
  side: 0 | 1,
) {
  if (count <= 0) return;
  const group = groups.get(value) ?? { a: 0, b: 0 };
  if (side === 0) group.a += count;
  else group.b += count;
  groups.set(value, group);
}
