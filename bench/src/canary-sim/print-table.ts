import { defaultMonitor } from './default-monitor.js';
import { formatTable } from './format-table.js';
import { measureScenario } from './measure-scenario.js';
import { issueScenarios } from './scenarios.js';

/**
 * `node bench/dist/canary-sim/print-table.js [--runs=1000] [--only=TEXT]`: the simulation
 * table of the canary-analysis README, one scenario at a time on stderr as it goes.
 */
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(arg('runs') ?? 1000);
const only = arg('only');
const rows = [];
let seed = 1;
for (const scenario of issueScenarios()) {
  seed++;
  if (only && !scenario.name.includes(only)) continue;
  const started = Date.now();
  const row = measureScenario(scenario, defaultMonitor(), runs, seed);
  process.stderr.write(
    `${scenario.name}: ${(row.rate * 100).toFixed(2)} % in ${((Date.now() - started) / 1000).toFixed(1)} s; median ${row.medianSecToRollback}; extended ${row.extended}; e.g. ${row.example ?? '-'}\n`,
  );
  rows.push(row);
}
process.stdout.write(`${formatTable(rows)}\n`);
