import {
  type ChildServer,
  haveWrk,
  measureWrk,
  measureWrkAsync,
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
    // Warm-up, 4 s each: the JIT's tiers (on a busy machine its background compiler thread
    // gets little CPU, and a variant can take seconds to reach its steady speed), the
    // sockets, the first series of each label set.
    for (let pass = 0; pass < 2; pass++)
      for (const variant of variants)
        await measure(`${servers.get(variant)!.url}${path}`, connections, SECONDS);
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

/** A subject measured side by side with the baseline: the figures of each, and the ratios of each round. */
export interface SideBySide {
  subject: Figures;
  baseline: Figures;
  /** subject / baseline CPU per request, per round. */
  cpuRatios: number[];
  /** subject / baseline requests per second, per round. */
  rpsRatios: number[];
}

/**
 * Each subject loaded **at the same time** as an uninstrumented baseline, by two wrk
 * processes, round after round: whatever else the machine does in those seconds, both
 * servers meet it alike, so the ratio of a round is far steadier than that of two runs one
 * after the other. Each subject has a baseline process of its own, loaded in the same
 * rounds and idle in the same rounds: a baseline shared by every subject would be busy in
 * every round while each subject sits idle in most, and a server resuming after seconds
 * idle (cold caches, flushed code) costs a few per cent more per request. Needs wrk.
 */
export async function measureSideBySide(
  baseline: Variant,
  subjects: Variant[],
  path: string,
  connections = CONNECTIONS,
): Promise<Map<Variant, SideBySide>> {
  if (!haveWrk) throw new Error('side-by-side measurement needs wrk (apt-get install wrk)');
  const servers = new Map<Variant, [subject: ChildServer, baseline: ChildServer]>();
  const empty = (): Samples => ({ rps: [], cpuUsPerRequest: [], p50Ms: [], p99Ms: [] });
  const samples = new Map(subjects.map((v) => [v, { subject: empty(), baseline: empty() }]));
  const all = () => [...servers.values()].flat();
  try {
    for (const variant of subjects)
      servers.set(variant, [await startChild(variant), await startChild(baseline)]);
    for (let pass = 0; pass < 2; pass++)
      for (const pair of servers.values())
        await Promise.all(
          pair.map((server) => measureWrkAsync(`${server.url}${path}`, connections, SECONDS)),
        );
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? subjects : [...subjects].reverse();
      for (const variant of order) {
        const pair = servers.get(variant)!;
        const before = await Promise.all(pair.map((server) => server.cpuMs()));
        const figures = await Promise.all(
          pair.map((server) => measureWrkAsync(`${server.url}${path}`, connections, SECONDS)),
        );
        const after = await Promise.all(pair.map((server) => server.cpuMs()));
        const s = samples.get(variant)!;
        [s.subject, s.baseline].forEach((into, i) => {
          const f = figures[i]!;
          if (f.errors > 0)
            throw new Error(`${i ? baseline : variant}: ${f.errors} failed requests`);
          into.rps.push(f.rps);
          into.cpuUsPerRequest.push(((after[i]! - before[i]!) * 1000) / f.requests);
          into.p50Ms.push(f.p50Ms);
          into.p99Ms.push(f.p99Ms);
        });
      }
    }
  } finally {
    await Promise.all(all().map((server) => server.stop()));
  }
  const figuresOf = (s: Samples): Figures => ({
    rps: median(s.rps),
    cpuUsPerRequest: median(s.cpuUsPerRequest),
    p50Ms: median(s.p50Ms),
    p99Ms: median(s.p99Ms),
    samples: s,
  });
  return new Map(
    [...samples].map(([variant, s]) => [
      variant,
      {
        subject: figuresOf(s.subject),
        baseline: figuresOf(s.baseline),
        cpuRatios: s.subject.cpuUsPerRequest.map((x, i) => x / s.baseline.cpuUsPerRequest[i]!),
        rpsRatios: s.subject.rps.map((x, i) => x / s.baseline.rps[i]!),
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
