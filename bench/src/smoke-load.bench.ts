import { runLoad } from '@n1v1/smoke-tests';
import { haveWrk, measureWrk, type WrkFigures } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { pairedRatio } from './lib/interleaved-servers.js';
import { median, startExampleServiceProcess } from './smoke-shared.js';

const DURATION_SEC = 3;
const CONNECTIONS = 10;
const ROUNDS = Math.max(1, Math.min(50, Number(process.env.BENCH_ROUNDS) || 7));

interface Round {
  p50Ms: number;
  p99Ms: number;
  rps: number;
}

async function runOurs(url: string): Promise<Round> {
  const report = await runLoad({ url, durationSec: DURATION_SEC, connections: CONNECTIONS });
  if (report.errors > 0) throw new Error(`the load check saw ${report.errors} errors`);
  return { p50Ms: report.latencyMs.p50, p99Ms: report.latencyMs.p99, rps: report.rps };
}

function runWrk(url: string): Round {
  const figures: WrkFigures = measureWrk(`${url}/health`, CONNECTIONS, DURATION_SEC);
  if (figures.errors > 0) throw new Error(`wrk saw ${figures.errors} errors`);
  return { p50Ms: figures.p50Ms, p99Ms: figures.p99Ms, rps: figures.rps };
}

/**
 * The load check (autocannon sending, our histogram timing) beside wrk on the same target
 * (the example service's /health, in its own process) in the same run: rounds alternate
 * which of the two goes first, so neither always meets a warmer or a quieter service.
 * Both use one thread and the same connections. Needs Debian's wrk.
 */
const benchmark: Benchmark = {
  name: 'smoke-load',
  description: `load check vs wrk -t1 -c${CONNECTIONS} on GET /health of the example service, ${ROUNDS} alternating rounds of ${DURATION_SEC} s each, medians and paired ratios`,
  async run() {
    if (!haveWrk) {
      process.stdout.write("  skipped: needs Debian's wrk (apt-get install wrk) as the anchor\n");
      return [];
    }
    const service = await startExampleServiceProcess();
    try {
      runWrk(service.url);
      await runLoad({ url: service.url, durationSec: 1, connections: CONNECTIONS });
      const wrk: Round[] = [];
      const ours: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          wrk.push(runWrk(service.url));
          ours.push(await runOurs(service.url));
        } else {
          ours.push(await runOurs(service.url));
          wrk.push(runWrk(service.url));
        }
      }
      const pick = (list: Round[], key: keyof Round) => list.map((r) => r[key]);
      const row = (metric: string, key: keyof Round, unit: string, target: string): BenchRow => ({
        metric,
        value: median(pick(ours, key)),
        unit,
        baseline: { name: `wrk ${key}`, value: median(pick(wrk, key)) },
        pairedRatio: pairedRatio(pick(ours, key), pick(wrk, key)),
        roundRatios: pick(ours, key).map((x, i) => x / pick(wrk, key)[i]!),
        target,
      });
      return [
        { metric: 'wrk p50', value: median(pick(wrk, 'p50Ms')), unit: 'ms' },
        { metric: 'wrk p99', value: median(pick(wrk, 'p99Ms')), unit: 'ms' },
        { metric: 'wrk requests/s', value: median(pick(wrk, 'rps')), unit: 'req/s' },
        row('load check p50', 'p50Ms', 'ms', 'ratio 0.85..1.15'),
        row('load check p99', 'p99Ms', 'ms', 'ratio 0.85..1.15'),
        row('load check requests/s', 'rps', 'req/s', 'ratio >= 0.9'),
      ];
    } finally {
      await service.stop();
    }
  },
};

export default benchmark;
