import {
  type ChildServer,
  haveWrk,
  measureWrk,
  startChild,
  type Variant,
} from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { measureLoad } from './lib/load.js';
import { median } from './lib/time-command.js';

const ROUNDS = 5;
const SECONDS = 2;

/** Which load generator the throughput rows were measured with. */
export const TOOL = haveWrk ? 'wrk' : 'autocannon';

/** How the throughput rows were measured, for the descriptions. */
export const METHOD = `${TOOL}, 50 connections, best of ${ROUNDS} interleaved ${SECONDS} s runs, each server in its own child process`;

/**
 * Best requests per second of each variant. The servers start once and the runs take turns,
 * so a burst of load from elsewhere on the machine hits every variant alike; best-of,
 * because such noise only ever slows a run down.
 */
export async function bestRps(
  variants: Variant[],
  path: string,
  connections = 50,
): Promise<Map<Variant, Figures>> {
  const servers = new Map<Variant, ChildServer>();
  const best = new Map<Variant, Figures>();
  const cpu = new Map<Variant, number[]>(variants.map((variant) => [variant, []]));
  try {
    for (const variant of variants) servers.set(variant, await startChild(variant));
    for (const variant of variants)
      await measure(`${servers.get(variant)!.url}${path}`, connections, 1);
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of variants) {
        const server = servers.get(variant)!;
        const cpuBefore = server.cpuMs();
        const figures = await measure(`${server.url}${path}`, connections, SECONDS);
        cpu.get(variant)!.push(((server.cpuMs() - cpuBefore) * 1000) / figures.requests);
        if (figures.errors > 0) throw new Error(`${variant}: ${figures.errors} failed requests`);
        if (figures.rps > (best.get(variant)?.rps ?? 0)) {
          best.set(variant, { rps: figures.rps, p99Ms: figures.p99Ms, cpuUsPerRequest: 0 });
        }
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  for (const [variant, figures] of best) figures.cpuUsPerRequest = median(cpu.get(variant)!);
  return best;
}

/**
 * Best throughput of a variant, and the median server CPU time per request (in µs): the
 * CPU figure hardly moves with load from elsewhere, so its ratios are the steadier ones.
 */
export interface Figures {
  rps: number;
  p99Ms: number;
  cpuUsPerRequest: number;
}

async function measure(url: string, connections: number, durationSec: number) {
  if (haveWrk) return measureWrk(url, connections, durationSec);
  const figures = await measureLoad(url, { connections, durationSec });
  return {
    rps: figures.rps,
    p99Ms: figures.p99Ms,
    errors: figures.errors + figures.non2xx,
    requests: figures.rps * durationSec,
  };
}

/**
 * `/health` of the health-server, mounted as an express router and attached to the server
 * ahead of express, against a bare express route and terminus serving the same JSON.
 */
const benchmark: Benchmark = {
  name: 'health-endpoint',
  description: `GET /health req/s (${METHOD})`,
  async run() {
    const rps = await bestRps(
      ['health-ours', 'health-attached', 'health-bare', 'health-terminus'],
      '/health',
    );
    const router = rps.get('health-ours')!;
    const attached = rps.get('health-attached')!;
    const bare = { name: 'bare express res.json', value: rps.get('health-bare')!.rps };
    const terminus = { name: '@godaddy/terminus', value: rps.get('health-terminus')!.rps };
    const rows: BenchRow[] = [
      { metric: 'bare express res.json (same body)', value: bare.value, unit: 'req/s' },
      { metric: '@godaddy/terminus /health', value: terminus.value, unit: 'req/s' },
      {
        metric: 'app.use(health.router())',
        value: router.rps,
        unit: 'req/s',
        baseline: bare,
        target: 'ratio >= 0.95',
      },
      {
        metric: 'health.attach(server)',
        value: attached.rps,
        unit: 'req/s',
        baseline: terminus,
        target: 'ratio > 1',
      },
      {
        metric: 'health.attach(server) vs bare express',
        value: attached.rps,
        unit: 'req/s',
        baseline: bare,
      },
      ...cpuRows([
        ['bare express res.json', rps.get('health-bare')!],
        ['@godaddy/terminus', rps.get('health-terminus')!],
        ['app.use(health.router())', router, 'bare express res.json', 'ratio <= 1.05'],
        ['health.attach(server)', attached, '@godaddy/terminus', 'ratio < 1'],
      ]),
      { metric: 'app.use(health.router()) p99', value: router.p99Ms, unit: 'ms' },
      { metric: 'health.attach(server) p99', value: attached.p99Ms, unit: 'ms' },
    ];
    return rows;
  },
};

/** Rows of server CPU per request; a row naming a baseline is compared with that earlier row. */
export function cpuRows(items: Array<[string, Figures, string?, string?]>): BenchRow[] {
  const byName = new Map(items.map(([name, figures]) => [name, figures.cpuUsPerRequest]));
  return items
    .filter(([, figures]) => Number.isFinite(figures.cpuUsPerRequest))
    .map(([name, figures, against, target]) => {
      const row: BenchRow = {
        metric: `${name} CPU per request`,
        value: figures.cpuUsPerRequest,
        unit: 'µs',
      };
      if (against !== undefined)
        row.baseline = { name: `${against} CPU`, value: byName.get(against)! };
      if (target !== undefined) row.target = target;
      return row;
    });
}

export default benchmark;
