import {
  type ChildServer,
  haveWrk,
  measureWrk,
  startChild,
  type Variant,
} from '../health-bench-support.js';
import { measureLoad } from './load.js';
import { median } from './time-command.js';

/** Rounds of every variant, from `BENCH_ROUNDS` (default 7): more rounds, steadier medians. */
export const ROUNDS = Math.max(1, Math.min(50, Number(process.env.BENCH_ROUNDS) || 7));
/** Seconds of load per variant and round. */
export const SECONDS = 2;
export const CONNECTIONS = 50;

/** Which load generator the server rows were measured with. */
export const TOOL = haveWrk ? 'wrk -t1' : 'autocannon (wrk not installed: apt-get install wrk)';

/** How the server rows were measured, for the descriptions. */
export const METHOD = `${TOOL}, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, each server in its own child process, medians`;

/** What each round measured of one variant. */
export interface Samples {
  rps: number[];
  /** Server CPU time (user + system, all threads) per answered request, in µs. */
  cpuUsPerRequest: number[];
  p50Ms: number[];
  p99Ms: number[];
}

/** The medians of a variant's rounds. */
export interface Figures {
  rps: number;
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  samples: Samples;
}

/**
 * Loads every variant in turn, round after round, against servers started once: a burst of
 * load from elsewhere on the machine then hits every variant alike, and the order flips each
 * round so that none always runs first. CPU per request is the server's own `cpuUsage()`
 * before and after a round over the requests answered in it: it moves far less with the
 * machine's load than requests per second do.
 */
export async function measureVariants(
  variants: Variant[],
  path: string,
  connections = CONNECTIONS,
): Promise<Map<Variant, Figures>> {
  const servers = new Map<Variant, ChildServer>();
  const samples = new Map<Variant, Samples>(
    variants.map((v) => [v, { rps: [], cpuUsPerRequest: [], p50Ms: [], p99Ms: [] }]),
  );
  try {
    for (const variant of variants) servers.set(variant, await startChild(variant));
    // Warm-up: the JIT's tiers, the sockets, the first series of each label set.
    for (const variant of variants)
      await measure(`${servers.get(variant)!.url}${path}`, connections, 1);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        const server = servers.get(variant)!;
        const cpuBefore = await server.cpuMs();
        const figures = await measure(`${server.url}${path}`, connections, SECONDS);
        const cpuMs = (await server.cpuMs()) - cpuBefore;
        if (figures.errors > 0) throw new Error(`${variant}: ${figures.errors} failed requests`);
        const s = samples.get(variant)!;
        s.rps.push(figures.rps);
        s.cpuUsPerRequest.push((cpuMs * 1000) / figures.requests);
        s.p50Ms.push(figures.p50Ms);
        s.p99Ms.push(figures.p99Ms);
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  return new Map(
    [...samples].map(([variant, s]) => [
      variant,
      {
        rps: median(s.rps),
        cpuUsPerRequest: median(s.cpuUsPerRequest),
        p50Ms: median(s.p50Ms),
        p99Ms: median(s.p99Ms),
        samples: s,
      },
    ]),
  );
}

/**
 * The median over rounds of `a / b` within each round: the two ran back to back, so a
 * round's ratio cancels most of what the machine was doing then.
 */
export function pairedRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]!));
}

async function measure(url: string, connections: number, durationSec: number) {
  if (haveWrk) return measureWrk(url, connections, durationSec);
  const figures = await measureLoad(url, { connections, durationSec });
  return {
    rps: figures.rps,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    errors: figures.errors + figures.non2xx,
    requests: figures.rps * durationSec,
  };
}
