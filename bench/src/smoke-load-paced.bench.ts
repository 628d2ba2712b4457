import type { Benchmark } from './lib/benchmark.js';
import { compareWithWrk } from './smoke-load.bench.js';
import { SIDE_ROUNDS as ROUNDS } from './smoke-shared.js';

const LATENCY_MS = 2;

/**
 * For context, not judged: the same comparison on a target that sets the pace itself (the
 * example service's ticker route with 2 ms of injected latency), where neither client is
 * short of CPU. The figures there compare what the two tools time, not how fast they are.
 */
const benchmark: Benchmark = {
  name: 'smoke-load-paced',
  description: `load check vs wrk -t1 -c10 on GET /api/v1/ticker/BTC-USD of the example service with ${LATENCY_MS} ms injected latency (N1V1_LATENCY_MS), ${ROUNDS} alternating rounds of 3 s each; context, not judged`,
  run: () =>
    compareWithWrk({
      path: '/api/v1/ticker/BTC-USD',
      rounds: ROUNDS,
      env: { N1V1_LATENCY_MS: String(LATENCY_MS) },
      floor: false,
    }),
};

export default benchmark;
