import { fileURLToPath } from 'node:url';
import type { Benchmark } from './lib/benchmark.js';
import { compareWithWrk } from './smoke-load.bench.js';
import { SIDE_ROUNDS as ROUNDS, startServiceProcess } from './smoke-shared.js';

const script = fileURLToPath(new URL('./lib/stalling-server.js', import.meta.url));

/**
 * The same comparison on a target whose tail the server sets (`lib/stalling-server.ts`:
 * node:http holding its loop 2 ms every 10 ms, as a GC pause would, so that 3-4 % of requests
 * wait out a stall). Where the tail is the server's, the two tools must agree on it; where,
 * as on /health, the tail comes from how the clients themselves share two cores with the
 * server, they need not.
 */
const benchmark: Benchmark = {
  name: 'smoke-load-stalls',
  description: `load check vs wrk -t1 -c10 on a node:http server that holds its event loop 2 ms every 10 ms (a tail the server sets), ${ROUNDS} alternating rounds of 3 s each`,
  run: () =>
    compareWithWrk({
      path: '/',
      rounds: ROUNDS,
      floor: false,
      start: () => startServiceProcess(script),
    }),
};

export default benchmark;
