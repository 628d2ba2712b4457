import { startChild } from './health-bench-support.js';
import type { Benchmark } from './lib/benchmark.js';
import { measureLoad } from './lib/load.js';

const DURATION_SEC = 5;
const CHECK_MS = 100;
const CACHE_MS = 1000;

/** `/ready` whose only check takes 100 ms, under 500 connections: calls per cache window and p99. */
const benchmark: Benchmark = {
  name: 'health-ready-single-flight',
  description: `GET /ready, one ${CHECK_MS} ms check (cacheMs ${CACHE_MS}), 500 connections for ${DURATION_SEC} s`,
  async run() {
    const server = await startChild('ready-100ms');
    try {
      const figures = await measureLoad(`${server.url}/ready`, {
        connections: 500,
        durationSec: DURATION_SEC,
      });
      const { calls } = (await (await fetch(`${server.url}/calls`)).json()) as { calls: number };
      // Each window is a run (100 ms) followed by its cached life (cacheMs).
      const windows = Math.ceil((DURATION_SEC * 1000) / (CACHE_MS + CHECK_MS)) + 1;
      return [
        { metric: 'requests answered', value: figures.rps * DURATION_SEC, unit: 'req' },
        { metric: 'non-2xx or errors', value: figures.non2xx + figures.errors, unit: 'req' },
        { metric: 'check calls', value: calls, unit: 'calls' },
        {
          metric: 'check calls per cache window',
          value: calls / windows,
          unit: 'calls',
          target: '<= 1',
        },
        { metric: '/ready p50', value: figures.p50Ms, unit: 'ms' },
        { metric: '/ready p99', value: figures.p99Ms, unit: 'ms' },
      ];
    } finally {
      await server.stop();
    }
  },
};

export default benchmark;
