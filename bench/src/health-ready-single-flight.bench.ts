import { startChild, type Variant } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { measureLoad } from './lib/load.js';

const DURATION_SEC = 5;
const CHECK_MS = 100;
const CACHE_MS = 1000;

/** Runs 500 connections against /ready of a variant and reads how often its check ran. */
async function hammer(variant: Variant) {
  const server = await startChild(variant);
  try {
    const figures = await measureLoad(`${server.url}/ready`, {
      connections: 500,
      durationSec: DURATION_SEC,
    });
    const { calls } = (await (await fetch(`${server.url}/calls`)).json()) as { calls: number };
    return { ...figures, calls };
  } finally {
    await server.stop();
  }
}

/**
 * `/ready` whose only check takes 100 ms, under 500 connections: how often the check runs
 * (once per cache window; without a cache, once per run, shared by every waiting request)
 * and what that costs in latency.
 */
const benchmark: Benchmark = {
  name: 'health-ready-single-flight',
  description: `GET /ready with one ${CHECK_MS} ms check, 500 connections for ${DURATION_SEC} s each (autocannon)`,
  async run() {
    const cached = await hammer('ready-100ms');
    const uncached = await hammer('ready-100ms-uncached');
    // A cache window is a run followed by the cached life of its result.
    const windows = Math.ceil((DURATION_SEC * 1000) / (CACHE_MS + CHECK_MS)) + 1;
    const runWindows = Math.ceil((DURATION_SEC * 1000) / CHECK_MS) + 1;
    const rows: BenchRow[] = [
      {
        metric: `cacheMs ${CACHE_MS}: requests answered`,
        value: cached.rps * DURATION_SEC,
        unit: 'req',
      },
      {
        metric: `cacheMs ${CACHE_MS}: failed requests`,
        value: cached.errors + cached.non2xx,
        unit: 'req',
      },
      { metric: `cacheMs ${CACHE_MS}: check calls`, value: cached.calls, unit: 'calls' },
      {
        metric: `cacheMs ${CACHE_MS}: calls per cache window`,
        value: cached.calls / windows,
        unit: 'calls',
        target: '<= 1',
      },
      { metric: `cacheMs ${CACHE_MS}: /ready p50`, value: cached.p50Ms, unit: 'ms' },
      { metric: `cacheMs ${CACHE_MS}: /ready p99`, value: cached.p99Ms, unit: 'ms' },
      { metric: 'cacheMs 0: requests answered', value: uncached.rps * DURATION_SEC, unit: 'req' },
      { metric: 'cacheMs 0: check calls', value: uncached.calls, unit: 'calls' },
      {
        metric: 'cacheMs 0: calls per 100 ms run',
        value: uncached.calls / runWindows,
        unit: 'calls',
        target: '<= 1',
      },
      { metric: 'cacheMs 0: /ready p99', value: uncached.p99Ms, unit: 'ms' },
    ];
    return rows;
  },
};

export default benchmark;
