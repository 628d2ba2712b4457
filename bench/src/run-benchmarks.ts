import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Benchmark, ratio } from './lib/benchmark.js';

/**
 * Runs every `*.bench.js` in this folder (or those named on the command line), prints a
 * table of figures and ratios, and writes them to bench/results/latest.json.
 */
const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.js'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const results: Record<string, unknown> = {};
for (const file of files) {
  const { default: benchmark } = (await import(new URL(file, here).href)) as { default: Benchmark };
  process.stdout.write(`\n## ${benchmark.name}: ${benchmark.description}\n`);
  const rows = await benchmark.run();
  for (const row of rows) {
    const r = ratio(row);
    const vs =
      row.baseline && r !== undefined ? `  ratio ${r.toFixed(3)} vs ${row.baseline.name}` : '';
    const target = row.target ? `  (target ${row.target})` : '';
    process.stdout.write(
      `  ${row.metric.padEnd(44)} ${formatValue(row.value).padStart(12)} ${row.unit}${vs}${target}\n`,
    );
  }
  results[benchmark.name] = rows.map((row) => ({ ...row, ratio: ratio(row) }));
}

const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}latest.json`,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
process.stdout.write(`\nwrote bench/results/latest.json\n`);

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
