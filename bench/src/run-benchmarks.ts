import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Benchmark, type BenchRow, judgedRatio, meetsTarget, ratio } from './lib/benchmark.js';
import { renderMarkdown, renderTable } from './lib/render-results.js';

/**
 * Runs every `*.bench.js` in this folder (or those named on the command line), prints a
 * table of each one's figures beside its anchors, and writes them all to
 * bench/results/latest.md and latest.json, with the conditions they were measured in.
 */
const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.js'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const conditions = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
  loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
  loadAverageAtEnd: [] as number[],
};
const sections: Array<{ name: string; description: string; rows: BenchRow[] }> = [];
for (const file of files) {
  const { default: benchmark } = (await import(new URL(file, here).href)) as { default: Benchmark };
  process.stdout.write(`\n## ${benchmark.name}: ${benchmark.description}\n`);
  const rows = await benchmark.run();
  process.stdout.write(renderTable(rows));
  sections.push({ name: benchmark.name, description: benchmark.description, rows });
}
conditions.loadAverageAtEnd = loadavg().map((n) => Number(n.toFixed(2)));

const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
const results = Object.fromEntries(
  sections.map(({ name, description, rows }) => [
    name,
    {
      description,
      rows: rows.map((row) => ({
        ...row,
        ratio: ratio(row),
        judgedRatio: judgedRatio(row),
        met: meetsTarget(row),
      })),
    },
  ]),
);
writeFileSync(`${out}latest.json`, `${JSON.stringify({ ...conditions, results }, null, 2)}\n`);
writeFileSync(`${out}latest.md`, renderMarkdown(conditions, sections));
const missed = sections.flatMap((s) => s.rows.filter((row) => meetsTarget(row) === false));
process.stdout.write(
  `\n${missed.length === 0 ? 'every target met' : `targets missed: ${missed.map((r) => r.metric).join('; ')}`}\nwrote bench/results/latest.md and latest.json (load average ${conditions.loadAverageAtStart.join(' ')} at start, ${conditions.loadAverageAtEnd.join(' ')} at end)\n`,
);
