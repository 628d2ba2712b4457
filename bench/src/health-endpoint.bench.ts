import { startChild, type Variant } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { measureLoad } from './lib/load.js';

const ROUNDS = 2;

/** Best requests per second of a variant over the rounds, each server alone in a child process. */
export async function bestRps(
  variants: Variant[],
  path: string,
  connections = 50,
): Promise<Map<Variant, { rps: number; p99Ms: number }>> {
  const best = new Map<Variant, { rps: number; p99Ms: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) {
      const server = await startChild(variant);
      try {
        await measureLoad(`${server.url}${path}`, { connections, durationSec: 1 });
        const figures = await measureLoad(`${server.url}${path}`, { connections, durationSec: 4 });
        if (figures.errors > 0 || figures.non2xx > 0)
          throw new Error(`${variant}: ${figures.errors} errors, ${figures.non2xx} non-2xx`);
        if (figures.rps > (best.get(variant)?.rps ?? 0))
          best.set(variant, { rps: figures.rps, p99Ms: figures.p99Ms });
      } finally {
        await server.stop();
      }
    }
  }
  return best;
}

/** `/health` of the health router against a bare express route and terminus serving the same JSON. */
const benchmark: Benchmark = {
  name: 'health-endpoint',
  description:
    'GET /health req/s (autocannon, 50 connections, best of 2 rounds of 4 s, server in a child process)',
  async run() {
    const rps = await bestRps(['health-ours', 'health-bare', 'health-terminus'], '/health');
    const ours = rps.get('health-ours')!;
    const bare = { name: 'bare express res.json', value: rps.get('health-bare')!.rps };
    const terminus = { name: '@godaddy/terminus', value: rps.get('health-terminus')!.rps };
    const rows: BenchRow[] = [
      { metric: 'bare express res.json (same body)', value: bare.value, unit: 'req/s' },
      { metric: '@godaddy/terminus /health', value: terminus.value, unit: 'req/s' },
      {
        metric: 'health-server /health vs bare express',
        value: ours.rps,
        unit: 'req/s',
        baseline: bare,
        target: 'ratio >= 0.95',
      },
      {
        metric: 'health-server /health vs terminus',
        value: ours.rps,
        unit: 'req/s',
        baseline: terminus,
        target: 'ratio > 1',
      },
      { metric: 'health-server /health p99', value: ours.p99Ms, unit: 'ms' },
    ];
    return rows;
  },
};

export default benchmark;
