import { type BenchRow, judgedRatio, meetsTarget, quartiles, ratio } from './benchmark.js';

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function verdict(row: BenchRow): string {
  const met = meetsTarget(row);
  return met === undefined ? '' : met ? 'met' : 'MISSED';
}

/** How the per-round ratios spread: rounds, interquartile range, lowest and highest. */
function spread(ratios: number[] | undefined): string {
  if (ratios === undefined || ratios.length < 2) return '';
  const [q1, q3] = quartiles(ratios);
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return `; ${ratios.length} r, IQR ${q1.toFixed(3)}-${q3.toFixed(3)}, range ${low.toFixed(3)}-${high.toFixed(3)}`;
}

/** The cells of a row: figure, anchor and its figure, ratio (paired), target, verdict. */
function cells(row: BenchRow): string[] {
  const r = ratio(row);
  const judged = judgedRatio(row);
  const ratioText =
    r === undefined
      ? ''
      : row.pairedRatio === undefined
        ? r.toFixed(3)
        : `${r.toFixed(3)} (paired ${judged!.toFixed(3)}${spread(row.roundRatios)})`;
  return [
    row.metric,
    `${formatValue(row.value)} ${row.unit}`,
    row.baseline ? row.baseline.name : '',
    row.baseline ? `${formatValue(row.baseline.value)} ${row.unit}` : '',
    ratioText,
    row.target ?? '',
    verdict(row),
  ];
}

const HEADER = ['figure', 'ours', 'anchor', 'anchor figure', 'ratio', 'target', ''];

/** A benchmark's rows as an aligned text table for the terminal. */
export function renderTable(rows: BenchRow[]): string {
  if (rows.length === 0) return '';
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  return `${table
    .map((line) => `  ${line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd())
    .join('\n')}\n`;
}

/** Every benchmark's table as Markdown, under the conditions of the run. */
export function renderMarkdown(
  conditions: {
    at: string;
    node: string;
    cpus: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  },
  sections: Array<{ name: string; description: string; rows: BenchRow[] }>,
): string {
  const lines = [
    `# Benchmarks, ${conditions.at}`,
    '',
    `Node ${conditions.node} on ${conditions.cpus}; load average ${conditions.loadAverageAtStart.join(' ')} at start, ${conditions.loadAverageAtEnd.join(' ')} at end. Every ratio compares figures measured in this run; a paired ratio is the median of the per-round ratios and is the one judged.`,
  ];
  for (const { name, description, rows } of sections) {
    lines.push('', `## ${name}`, '', description, '');
    if (rows.length === 0) {
      lines.push("(no figures: see the run's output)");
      continue;
    }
    lines.push(`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${cells(row).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
