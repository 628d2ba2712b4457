import { haveWrk, measureWrkAsync } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { runReference } from './lib/run-reference.js';
import { runOurs } from './smoke-load.bench.js';
import { median, SIDE_ROUNDS as ROUNDS, startExampleServiceProcess } from './smoke-shared.js';

const DURATION_SEC = 3;
/** Per tool: the two tools of a pair share the 10 connections of the other smoke-load runs. */
const CONNECTIONS = 5;

interface Timed {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Who times right when the two disagree? Each load generator runs *at the same time* as a
 * reference timer small enough to check by reading, against the same service: the load check
 * beside the reference, then wrk beside the reference, in turns. The two of a pair see one
 * system, the same server state and the same scheduling, so their figures may differ only by
 * how each one times. The load check's figures against the reference are judged; wrk's are
 * shown beside them.
 */
async function compareWithReference(path: string): Promise<BenchRow[]> {
  if (!haveWrk) {
    process.stdout.write("  skipped: needs Debian's wrk (apt-get install wrk) as the anchor\n");
    return [];
  }
  const service = await startExampleServiceProcess();
  const url = `${service.url}${path}`;
  const pairs = {
    ours: async () => {
      const [subject, reference] = await Promise.all([
        runOurs(service.url, path, CONNECTIONS),
        runReference(url, CONNECTIONS, DURATION_SEC),
      ]);
      return { subject, reference };
    },
    wrk: async () => {
      const [subject, reference] = await Promise.all([
        measureWrkAsync(url, CONNECTIONS, DURATION_SEC),
        runReference(url, CONNECTIONS, DURATION_SEC),
      ]);
      if (subject.errors > 0) throw new Error(`wrk saw ${subject.errors} errors`);
      return { subject, reference };
    },
  };
  const rounds: Record<keyof typeof pairs, Array<{ subject: Timed; reference: Timed }>> = {
    ours: [],
    wrk: [],
  };
  try {
    // Warm-up: the service's JIT and the load check's.
    await pairs.ours();
    for (let round = 0; round < ROUNDS; round++) {
      const order: Array<keyof typeof pairs> = round % 2 ? ['wrk', 'ours'] : ['ours', 'wrk'];
      for (const tool of order) rounds[tool].push(await pairs[tool]());
    }
  } finally {
    await service.stop();
  }
  const row = (
    tool: keyof typeof pairs,
    name: string,
    key: keyof Timed,
    target?: string,
  ): BenchRow => {
    const ratios = rounds[tool].map((r) => r.subject[key] / r.reference[key]);
    return {
      metric: `${name} ${key === 'p50Ms' ? 'p50' : 'p99'}, beside the reference`,
      value: median(rounds[tool].map((r) => r.subject[key])),
      unit: 'ms',
      baseline: {
        name: `reference ${key}, same time`,
        value: median(rounds[tool].map((r) => r.reference[key])),
      },
      pairedRatio: median(ratios),
      roundRatios: ratios,
      ...(target === undefined ? {} : { target }),
    };
  };
  return [
    row('ours', 'load check', 'p50Ms', 'ratio 0.85..1.15'),
    row('ours', 'load check', 'p99Ms', 'ratio 0.85..1.15'),
    row('wrk', 'wrk', 'p50Ms'),
    row('wrk', 'wrk', 'p99Ms'),
  ];
}

const benchmark: Benchmark = {
  name: 'smoke-load-reference',
  description: `the load check and wrk -t1, each run at the same time as a reference timer (lib/reference-client.ts: node:net, hrtime before the write and after the whole answer, exact percentiles), ${CONNECTIONS} connections each, on GET /health of the example service, ${ROUNDS} rounds of ${DURATION_SEC} s per pair, medians and paired ratios`,
  run: () => compareWithReference('/health'),
};

export default benchmark;
