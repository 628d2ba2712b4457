import { runLoad } from '@n1v1/smoke-tests';
import { haveWrk } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { measureWrkWithCpu, nodeClientFloor } from './lib/client-cpu.js';
import { ROUNDS } from './lib/interleaved-servers.js';
import { runReference } from './lib/run-reference.js';
import { median, type ServiceProcess, startExampleServiceProcess } from './smoke-shared.js';

const DURATION_SEC = 3;
const CONNECTIONS = 10;

interface Round {
  p50Ms: number;
  p99Ms: number;
  rps: number;
  /** CPU time of the load generator itself (user + system) per request, in µs. */
  clientCpuUs: number;
}

type Tool = 'wrk' | 'ours' | 'floor' | 'reference';

/** One load-check run of DURATION_SEC, with the CPU it took; any error fails the benchmark. */
export async function runOurs(
  url: string,
  path: string,
  connections = CONNECTIONS,
): Promise<Round> {
  const before = process.cpuUsage();
  const report = await runLoad({ url, path, durationSec: DURATION_SEC, connections });
  const cpu = process.cpuUsage(before);
  if (report.errors > 0) throw new Error(`the load check saw ${report.errors} errors`);
  const { p50, p99 } = report.latencyMs;
  return {
    p50Ms: p50,
    p99Ms: p99,
    rps: report.rps,
    clientCpuUs: (cpu.user + cpu.system) / report.requests,
  };
}

function runWrk(url: string, path: string): Round {
  const f = measureWrkWithCpu(`${url}${path}`, CONNECTIONS, DURATION_SEC);
  if (f.errors > 0) throw new Error(`wrk saw ${f.errors} errors`);
  return { p50Ms: f.p50Ms, p99Ms: f.p99Ms, rps: f.rps, clientCpuUs: f.clientCpuUs };
}

async function runFloor(url: string, path: string): Promise<Round> {
  const f = await nodeClientFloor(`${url}${path}`, CONNECTIONS, DURATION_SEC);
  return { p50Ms: Number.NaN, p99Ms: Number.NaN, ...f };
}

/** The reference timer (`lib/reference-client.ts`): its own process; its CPU is not read. */
async function runReferenceTimer(url: string, path: string): Promise<Round> {
  const f = await runReference(`${url}${path}`, CONNECTIONS, DURATION_SEC);
  return { p50Ms: f.p50Ms, p99Ms: f.p99Ms, rps: f.rps, clientCpuUs: Number.NaN };
}

/**
 * The load check (autocannon sending, our histogram timing) beside wrk on one target, in
 * its own process, in the same run: the tools take turns, the order rotating each round so
 * that none always meets a warmer or a quieter service. Same connections, same duration,
 * one client thread each. With `floor`, also the cheapest client node:net allows, to show
 * how much of the gap to wrk any Node client would keep, and the reference timer
 * (`lib/reference-client.ts`), to show what a client that only times reads in the same
 * turns. Needs Debian's wrk.
 */
export async function compareWithWrk(options: {
  path: string;
  rounds: number;
  env?: NodeJS.ProcessEnv;
  floor: boolean;
  /** The target; default the example service (with `env`). */
  start?: () => Promise<ServiceProcess>;
}): Promise<BenchRow[]> {
  if (!haveWrk) {
    process.stdout.write("  skipped: needs Debian's wrk (apt-get install wrk) as the anchor\n");
    return [];
  }
  const service = await (options.start ?? (() => startExampleServiceProcess(options.env)))();
  const tools: Tool[] = options.floor ? ['wrk', 'ours', 'floor', 'reference'] : ['wrk', 'ours'];
  const rounds: Record<Tool, Round[]> = { wrk: [], ours: [], floor: [], reference: [] };
  const runners: Record<Tool, (url: string, path: string) => Round | Promise<Round>> = {
    wrk: runWrk,
    ours: runOurs,
    floor: runFloor,
    reference: runReferenceTimer,
  };
  const run = (tool: Tool) => runners[tool](service.url, options.path);
  try {
    // Warm-up: the service's JIT, its sockets, our client's JIT.
    for (const tool of tools) await run(tool);
    for (let round = 0; round < options.rounds; round++) {
      const turn = round % tools.length;
      const order = [...tools.slice(turn), ...tools.slice(0, turn)];
      for (const tool of round % 2 ? order.reverse() : order) rounds[tool].push(await run(tool));
    }
  } finally {
    await service.stop();
  }
  const pick = (tool: Tool, key: keyof Round) => rounds[tool].map((r) => r[key]);
  const row = (
    tool: Tool,
    metric: string,
    key: keyof Round,
    unit: string,
    target?: string,
  ): BenchRow => {
    const ratios = pick(tool, key).map((x, i) => x / pick('wrk', key)[i]!);
    return {
      metric,
      value: median(pick(tool, key)),
      unit,
      baseline: { name: `wrk ${key}`, value: median(pick('wrk', key)) },
      pairedRatio: median(ratios),
      roundRatios: ratios,
      ...(target === undefined ? {} : { target }),
    };
  };
  const rows: BenchRow[] = [
    { metric: 'wrk p50', value: median(pick('wrk', 'p50Ms')), unit: 'ms' },
    { metric: 'wrk p99', value: median(pick('wrk', 'p99Ms')), unit: 'ms' },
    { metric: 'wrk requests/s', value: median(pick('wrk', 'rps')), unit: 'req/s' },
    { metric: 'wrk client CPU per request', value: median(pick('wrk', 'clientCpuUs')), unit: 'µs' },
    row('ours', 'load check p50', 'p50Ms', 'ms', 'ratio 0.85..1.15'),
    row('ours', 'load check p99', 'p99Ms', 'ms', 'ratio 0.85..1.15'),
    row('ours', 'load check requests/s', 'rps', 'req/s', 'ratio >= 0.9'),
    row('ours', 'load check client CPU per request', 'clientCpuUs', 'µs'),
  ];
  if (options.floor) {
    rows.push(
      row('floor', 'node:net floor client requests/s', 'rps', 'req/s'),
      row('floor', 'node:net floor client CPU per request', 'clientCpuUs', 'µs'),
      row('reference', 'reference timer p50', 'p50Ms', 'ms'),
      row('reference', 'reference timer p99', 'p99Ms', 'ms'),
    );
  }
  return rows;
}

const benchmark: Benchmark = {
  name: 'smoke-load',
  description: `load check vs wrk -t1 -c${CONNECTIONS} on GET /health of the example service (a route that costs the server about as much CPU as the client spends), the cheapest node:net client for scale and the reference timer (lib/reference-client.ts), ${ROUNDS} rotating rounds of ${DURATION_SEC} s each, medians and paired ratios`,
  run: () => compareWithWrk({ path: '/health', rounds: ROUNDS, floor: true }),
};

export default benchmark;
