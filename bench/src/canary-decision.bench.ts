import { defaultMonitor } from './canary-sim/default-monitor.js';
import { measureScenario } from './canary-sim/measure-scenario.js';
import { issueScenarios } from './canary-sim/scenarios.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';

/**
 * Runs per scenario. The README's table comes from 1000 (`N1V1_CANARY_RUNS=1000`, or
 * `node bench/dist/canary-sim/print-table.js --runs=1000`); the default keeps `pnpm bench`
 * affordable on a shared machine.
 */
const RUNS = Number(process.env.N1V1_CANARY_RUNS ?? 100);

const benchmark: Benchmark = {
  name: 'canary-decision',
  description: `the default canary decision on request-level simulated traffic (Poisson arrivals, prom-client buckets, scrapes every interval), ${RUNS} runs per scenario: rollbacks in A/A runs and detection of regressions, with 95 % Wilson intervals`,
  async run() {
    const rows: BenchRow[] = [];
    let seed = 1;
    for (const scenario of issueScenarios()) {
      seed++;
      const m = measureScenario(scenario, defaultMonitor(), RUNS, seed);
      const interval = `95 % ${(m.low * 100).toFixed(1)}-${(m.high * 100).toFixed(1)} %`;
      rows.push({
        metric: `${scenario.kind === 'aa' ? 'rolled back' : 'detected'}: ${scenario.name}`,
        value: m.rate * 100,
        unit: `% (${interval})`,
        target: scenario.kind === 'aa' ? '<= 1 %' : '>= 95 %',
      });
      if (scenario.name.startsWith('+5 pt errors') && m.medianSecToRollback !== null) {
        // Judged in looks: the first look after the onset is "within one interval"; its time
        // in seconds also carries the simulated scrape jitter, so it is shown for context.
        rows.push({
          metric: `median looks to rollback: ${scenario.name}`,
          value: m.medianLooksToRollback ?? Number.NaN,
          unit: 'looks',
          target: '<= 1 look',
        });
        rows.push({
          metric: `median s to rollback: ${scenario.name}`,
          value: m.medianSecToRollback,
          unit: 's',
        });
      }
    }
    return rows;
  },
};

export default benchmark;
