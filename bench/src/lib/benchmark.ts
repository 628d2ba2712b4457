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
  /** The figure it is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  /** The target the issue sets, as text ("ratio >= 0.95"), shown beside the figure. */
  target?: string;
}

export function ratio(row: BenchRow): number | undefined {
  return row.baseline && row.baseline.value !== 0 ? row.value / row.baseline.value : undefined;
}
