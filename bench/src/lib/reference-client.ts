import net from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A reference timer for load generators, small enough to check by reading: `connections`
 * node:net sockets, each writing one GET, stamping `process.hrtime` just before the write
 * and again when the whole answer (head and `content-length` body) is in, then writing the
 * next. Every time is kept and the percentiles are read from the sorted array, exact: no
 * histogram, no parser, nothing shared with the load check.
 *
 * Run as its own process, as wrk is: `node reference-client.js <url> <connections>
 * <seconds>` prints `{ requests, rps, p50Ms, p90Ms, p99Ms }` as JSON. Loopback only,
 * bounded in time (at most 30 s) and connections (at most 100).
 */
export function timeRequests(
  url: string,
  connections: number,
  durationSec: number,
): Promise<ReferenceFigures> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error('benchmarks only send load to loopback');
  const request = Buffer.from(
    `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`,
    'latin1',
  );
  const seconds = Math.min(durationSec, 30);
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const endsAt = performance.now() + seconds * 1000;
    let open = Math.min(connections, 100);
    for (let i = open; i > 0; i--) {
      const socket = net.connect(Number(target.port), target.hostname);
      socket.setNoDelay(true);
      let sentAt = 0n;
      let pending: Buffer = Buffer.alloc(0);
      const send = () => {
        sentAt = process.hrtime.bigint();
        socket.write(request);
      };
      socket.once('connect', send);
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const size = answerSize(pending);
        if (size === undefined || pending.length < size) return;
        times.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
        if (pending.length > size) reject(new Error('more bytes than one answer: not pipelined'));
        pending = Buffer.alloc(0);
        if (performance.now() < endsAt) return send();
        socket.destroy();
        if (--open === 0) resolve(figures(times, seconds));
      });
    }
  });
}

export interface ReferenceFigures {
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

/** The byte length of the answer at the start of `bytes`, once its head is complete. */
function answerSize(bytes: Buffer): number | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = bytes.toString('latin1', 0, headEnd);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (!length) throw new Error(`the reference client needs content-length: ${head.slice(0, 80)}`);
  return headEnd + 4 + Number(length[1]);
}

function figures(times: number[], seconds: number): ReferenceFigures {
  const sorted = Float64Array.from(times).sort();
  // The nearest-rank percentile, as wrk computes it.
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    requests: sorted.length,
    rps: sorted.length / seconds,
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, connections, seconds] = process.argv.slice(2);
  timeRequests(url!, Number(connections), Number(seconds)).then(
    (f) => process.stdout.write(`${JSON.stringify(f)}\n`),
    (error: Error) => {
      process.stderr.write(`reference client: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
