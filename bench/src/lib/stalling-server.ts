import { createServer } from 'node:http';

/**
 * A target whose tail latency the server sets, to check that a load generator times it:
 * node:http answering a fixed body, which every STALL_EVERY_MS (default 10) holds its event
 * loop for STALL_MS (default 2) inside a request, as a GC pause or a blocking call would.
 * Every request in flight then waits out the stall: with 10 connections that is 10 requests
 * per stall, 1,000 a second, 3-4 % of the 25,000-35,000 a second a client gets through. So
 * the p99 lies among the stalled requests (2.0-2.5 ms) whichever client sends the load.
 * A stall every 40 ms, as this target had first, held back only 0.6 % once a client reached
 * 38,000 requests a second: the p99 then fell among the unstalled ones, where the clients'
 * own dynamics set it. Run as its own process; prints its URL; loopback only.
 */
const stallMs = Number(process.env.STALL_MS ?? 2);
const everyMs = Number(process.env.STALL_EVERY_MS ?? 10);
const body = JSON.stringify({ status: 'pass' });
let nextStallAt = performance.now() + everyMs;

const server = createServer((_req, res) => {
  const now = performance.now();
  if (now >= nextStallAt) {
    const until = now + stallMs;
    while (performance.now() < until) {
      // Holding the loop is the point: this is the stall being measured.
    }
    nextStallAt = performance.now() + everyMs;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object')
    process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
