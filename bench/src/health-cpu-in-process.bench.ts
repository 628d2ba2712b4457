import type { Server } from 'node:http';
import { buildServer, ORDER_PATH, type Variant } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { answerInMemory } from './lib/in-memory-connection.js';
import { median } from './lib/time-command.js';

const ROUNDS = Math.max(20, Math.min(2000, (Number(process.env.BENCH_ROUNDS) || 7) * 40));
const WARM_UP_ROUNDS = 50;

interface Subject {
  variant: Variant;
  path: string;
  /** Requests per batch: about 10 ms of work, so that each batch is timed well. */
  batch: number;
  cpuUs: number[];
  server: Server;
}

/**
 * Time per request of one batch, in µs. Nothing in a batch waits (no socket, no timer), so
 * its wall time is the CPU it used, plus whatever else the machine ran in between, which the
 * paired median and the 10th percentile leave out. (`process.cpuUsage()` counts in the
 * kernel's ticks of several ms: too coarse for a batch.)
 */
async function cpuPerRequest(subject: Subject): Promise<number> {
  const started = performance.now();
  await answerInMemory(subject.server, subject.path, subject.batch);
  return ((performance.now() - started) * 1000) / subject.batch;
}

/** The 10th percentile: the batches least disturbed by anything else the machine ran. */
function lowDecile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * 0.1)]!;
}

/**
 * The servers of the end-to-end health benchmarks, built the same way, in this one process,
 * each fed batches of pipelined requests through an in-memory connection, batch after batch
 * in a rotating order. Without sockets, wrk or a second process this measures only the
 * server code's CPU per request, and so holds still on a machine too busy for the end-to-end
 * ratios; it is also stricter than they are, because the kernel's share of each request
 * (most of it, end to end) is not in the denominator.
 */
const benchmark: Benchmark = {
  name: 'health-cpu-in-process',
  description: `CPU per request of each server, in process: batches of pipelined GETs (1000 of /health, 150 of ${ORDER_PATH}, about 10 ms each) through node:http's parser on an in-memory connection, ${ROUNDS} rotating rounds after ${WARM_UP_ROUNDS} to warm up; ratios are the median of per-round ratios, with the ratio of 10th percentiles beside them`,
  async run() {
    const variants: Array<[Variant, string]> = [
      ['health-raw', '/health'],
      ['health-attached', '/health'],
      ['health-terminus', '/health'],
      ['route-plain', ORDER_PATH],
      ['route-ours', ORDER_PATH],
      ['route-instrumented', ORDER_PATH],
      ['route-prom-bundle', ORDER_PATH],
    ];
    const subjects: Subject[] = variants.map(([variant, path]) => ({
      variant,
      path,
      batch: path === '/health' ? 1000 : 150,
      cpuUs: [],
      server: buildServer(variant),
    }));
    for (let round = 0; round < WARM_UP_ROUNDS; round++)
      for (const subject of subjects) await cpuPerRequest(subject);
    for (let round = 0; round < ROUNDS; round++) {
      const turn = round % subjects.length;
      for (const subject of [...subjects.slice(turn), ...subjects.slice(0, turn)])
        subject.cpuUs.push(await cpuPerRequest(subject));
    }
    const of = (variant: Variant) => subjects.find((s) => s.variant === variant)!;
    const row = (
      metric: string,
      variant: Variant,
      anchor: Variant,
      anchorName: string,
      target?: string,
    ): BenchRow[] => {
      const subject = of(variant).cpuUs;
      const baseline = of(anchor).cpuUs;
      const ratios = subject.map((us, i) => us / baseline[i]!);
      return [
        {
          metric: `${metric} CPU per request`,
          value: median(subject),
          unit: 'µs',
          baseline: { name: `${anchorName}, same rounds`, value: median(baseline) },
          pairedRatio: median(ratios),
          roundRatios: ratios,
          ...(target === undefined ? {} : { target }),
        },
        {
          metric: `${metric}, 10th percentile of batches`,
          value: lowDecile(subject),
          unit: 'µs',
          baseline: { name: `${anchorName}, 10th percentile`, value: lowDecile(baseline) },
        },
      ];
    };
    return [
      {
        metric: 'raw node:http /health CPU per request',
        value: median(of('health-raw').cpuUs),
        unit: 'µs',
      },
      ...row('attach(server) /health', 'health-attached', 'health-raw', 'raw node:http'),
      ...row('@godaddy/terminus /health', 'health-terminus', 'health-raw', 'raw node:http'),
      {
        metric: `uninstrumented ${ORDER_PATH} CPU per request`,
        value: median(of('route-plain').cpuUs),
        unit: 'µs',
      },
      ...row('metricsMiddleware()', 'route-ours', 'route-plain', 'uninstrumented'),
      ...row('instrument(app)', 'route-instrumented', 'route-plain', 'uninstrumented'),
      ...row('express-prom-bundle', 'route-prom-bundle', 'route-plain', 'uninstrumented'),
    ];
  },
};

export default benchmark;
