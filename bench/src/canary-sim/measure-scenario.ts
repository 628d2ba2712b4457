import { wilsonInterval } from '@n1v1/canary-analysis';
import { seededRandom } from './random.js';
import type { Scenario } from './scenario.js';
import { type SimulatedMonitor, simulateRun } from './simulate-run.js';

/** What `runs` simulated runs of one scenario gave. */
export interface ScenarioMeasurement {
  scenario: string;
  kind: Scenario['kind'];
  runs: number;
  /** Runs that ended in a rollback: failed, or inconclusive (the default policy rolls those back). */
  rollbacks: number;
  failed: number;
  inconclusive: number;
  /** Share of rollbacks, with its 95 % Wilson interval. */
  rate: number;
  low: number;
  high: number;
  /** Median seconds from the regression's start to the failing look, over the failed runs. */
  medianSecToRollback: number | null;
  /** Median looks from the regression's start to the failing look (1: the first look after it). */
  medianLooksToRollback: number | null;
  /** Runs decided after the 60 s window, in the extension. */
  extended: number;
  /** One reason, for the report: the most common first failure's check. */
  example?: string;
}

export function measureScenario(
  scenario: Scenario,
  monitor: SimulatedMonitor,
  runs: number,
  seed: number,
): ScenarioMeasurement {
  const random = seededRandom(seed);
  const windowSec = monitor.policy.plannedLooks * monitor.intervalSec;
  let failed = 0;
  let inconclusive = 0;
  let extended = 0;
  let example: string | undefined;
  const times: number[] = [];
  const looks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = simulateRun(random, scenario, monitor);
    if (result.decidedAtSec > windowSec + monitor.scrapeJitterSec) extended++;
    if (result.status === 'fail') {
      failed++;
      times.push(result.decidedAtSec - (scenario.regressionAtSec ?? 0));
      looks.push(result.look - Math.round((scenario.regressionAtSec ?? 0) / monitor.intervalSec));
      example ??= result.reason;
    } else if (result.status === 'inconclusive') {
      inconclusive++;
      example ??= `inconclusive: ${result.reason ?? ''}`;
    }
  }
  const rollbacks = failed + inconclusive;
  const { low, high } = wilsonInterval(rollbacks, runs);
  return {
    scenario: scenario.name,
    kind: scenario.kind,
    runs,
    rollbacks,
    failed,
    inconclusive,
    rate: rollbacks / runs,
    low,
    high,
    medianSecToRollback: median(times),
    medianLooksToRollback: median(looks),
    extended,
    ...(example ? { example } : {}),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
