import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { parseWrk, WRK, type WrkFigures, wrkArgs } from '../health-bench-support.js';

/** wrk's figures with the CPU time (user + system) its process used, per request, in µs. */
export function measureWrkWithCpu(
  url: string,
  connections: number,
  durationSec: number,
): WrkFigures & { clientCpuUs: number } {
  // bash's `times` prints, on its second line, the CPU time of the children it waited for.
  const result = spawnSync(
    'bash',
    ['-c', '"$0" "$@"; times', WRK, ...wrkArgs(url, connections, durationSec)],
    {
      encoding: 'utf8',
      timeout: (durationSec + 15) * 1000,
    },
  );
  const lines = result.stdout.trimEnd().split('\n');
  const times = lines.pop() ?? '';
  const figures = parseWrk(lines.join('\n'), result.stderr);
  const seconds = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, m, s]) => sum + Number(m) * 60 + Number(s),
    0,
  );
  return { ...figures, clientCpuUs: (seconds * 1e6) / figures.requests };
}

/**
 * The floor of any load generator written on node:net, for scale: `connections` sockets
 * that each write one fixed GET and write it again on every chunk that comes back. It
 * parses nothing and times nothing (a chunk is taken for one whole answer, true of a small
 * body on loopback), so no Node client doing the work of one can be cheaper. Loopback only,
 * bounded by `durationSec`.
 */
export function nodeClientFloor(
  url: string,
  connections: number,
  durationSec: number,
): Promise<{ rps: number; clientCpuUs: number }> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error('benchmarks only send load to loopback');
  const request = Buffer.from(`GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`);
  return new Promise((resolve, reject) => {
    let answers = 0;
    let stopped = false;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const sockets = Array.from({ length: connections }, () => {
      const socket = net.connect(Number(target.port), target.hostname);
      socket.on('data', () => {
        answers++;
        if (!stopped) socket.write(request);
      });
      socket.once('error', (error) => {
        if (!stopped) reject(error);
      });
      socket.write(request);
      return socket;
    });
    setTimeout(() => {
      stopped = true;
      const cpu = process.cpuUsage(cpuBefore);
      const seconds = (performance.now() - started) / 1000;
      for (const socket of sockets) socket.destroy();
      resolve({ rps: answers / seconds, clientCpuUs: (cpu.user + cpu.system) / answers });
    }, durationSec * 1000);
  });
}
