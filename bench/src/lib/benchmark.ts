/** One benchmark: a name, and a function that measures and returns rows of figures. */
export interface Benchmark {
  name: string;
  /** What is compared with what, in one sentence, for the report. */
  description: string;
  run(): Promise<BenchRow[]>;
}

/** One measured figure. Ratios are `subject / baseline`, both measured in this run. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** The figure it is compared with (an anchor: wrk, raw node:http, ...), measured in the same run. */
  baseline?: { name: string; value: number };
  /**
   * The median over rounds of the ratio within each round, when subject and baseline ran
   * back to back round after round; it is the ratio judged against the target.
   */
  pairedRatio?: number;
  /** The per-round ratios the paired ratio is the median of, for their spread. */
  roundRatios?: number[];
  /** The target the issue sets, as text: `ratio <= 1.05`, `ratio > 1`, `ratio 0.85..1.15`. */
  target?: string;
}

export function ratio(row: BenchRow): number | undefined {
  return row.baseline && row.baseline.value !== 0 ? row.value / row.baseline.value : undefined;
}

/** The ratio a target is judged on: the paired one where there is one. */
export function judgedRatio(row: BenchRow): number | undefined {
  return row.pairedRatio ?? ratio(row);
}

const compare = {
  '<=': (a: number, b: number) => a <= b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '>': (a: number, b: number) => a > b,
  '=': (a: number, b: number) => a === b,
};
type Comparison = keyof typeof compare;

/**
 * Whether a row meets its target; undefined when it has none. A `ratio ...` target is judged
 * on the (paired) ratio; any other target (`<= 150 ms`, `>= 95 %`, `0`, `<= one interval (5 s)`)
 * on the figure itself, against the last number the target names. A target that cannot be read
 * throws, so that no figure is ever reported as met by default.
 */
export function meetsTarget(row: BenchRow): boolean | undefined {
  if (row.target === undefined) return undefined;
  if (row.target.startsWith('ratio')) {
    const r = judgedRatio(row);
    if (r === undefined || !Number.isFinite(r)) return false;
    const range = /^ratio ([\d.]+)\.\.([\d.]+)$/.exec(row.target);
    if (range) return r >= Number(range[1]) && r <= Number(range[2]);
    const bound = /^ratio (<=|>=|<|>) ([\d.]+)$/.exec(row.target);
    if (!bound) throw new Error(`unreadable target "${row.target}" on ${row.metric}`);
    return compare[bound[1] as Comparison](r, Number(bound[2]));
  }
  const absolute = /^(<=|>=|<|>)?\s*(?:[^\d]*?)([\d.]+)[^\d]*$/.exec(row.target);
  if (!absolute) throw new Error(`unreadable target "${row.target}" on ${row.metric}`);
  if (!Number.isFinite(row.value)) return false;
  return compare[(absolute[1] ?? '=') as Comparison](row.value, Number(absolute[2]));
}

/** The lower and upper quartiles of a list (linear interpolation), for a spread. */
export function quartiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.min(sorted.length - 1, low + 1);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
  };
  return [at(0.25), at(0.75)];
}
