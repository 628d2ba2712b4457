import { execFileSync } from 'node:child_process';
import { runLoad } from '@n1v1/smoke-tests';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { median, startExampleServiceProcess } from './smoke-shared.js';

const DURATION_SEC = 5;
const CONNECTIONS = 10;
const ROUNDS = 2;

interface Figures {
  p50Ms: number;
  p99Ms: number;
  rps: number;
}

/** wrk's figures from its `--latency` output (units us, ms or s). */
function parseWrk(text: string): Figures {
  const toMs = (value: string, unit: string) =>
    Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
    if (!match) throw new Error(`no ${p}% line in wrk's output`);
    return toMs(match[1]!, match[2]!);
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  if (!rps) throw new Error("no Requests/sec in wrk's output");
  return { p50Ms: percentile('50'), p99Ms: percentile('99'), rps: Number(rps[1]) };
}

function runWrk(url: string): Figures {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error('benchmarks only load loopback');
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_SEC}s`, '--latency', `${url}/health`],
    {
      encoding: 'utf8',
      timeout: (DURATION_SEC + 20) * 1000,
    },
  );
  return parseWrk(out);
}

async function runOurs(url: string): Promise<Figures> {
  const report = await runLoad({ url, durationSec: DURATION_SEC, connections: CONNECTIONS });
  if (report.errors > 0) throw new Error(`the load check saw ${report.errors} errors`);
  return { p50Ms: report.latencyMs.p50, p99Ms: report.latencyMs.p99, rps: report.rps };
}

/**
 * The load check beside wrk on the same target in the same run, alternating rounds so
 * that neither gets a warmer service. Both use one thread and 10 connections.
 */
const benchmark: Benchmark = {
  name: 'smoke-load',
  description: `load check (autocannon) vs wrk -t1 -c${CONNECTIONS} on GET /health of the example service, ${ROUNDS} alternating rounds of ${DURATION_SEC} s, medians`,
  async run() {
    const service = await startExampleServiceProcess();
    try {
      await runLoad({ url: service.url, durationSec: 1, connections: CONNECTIONS });
      const wrk: Figures[] = [];
      const ours: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        wrk.push(runWrk(service.url));
        ours.push(await runOurs(service.url));
      }
      const pick = (list: Figures[], key: keyof Figures) => median(list.map((f) => f[key]));
      const row = (
        metric: string,
        key: keyof Figures,
        unit: string,
        target?: string,
      ): BenchRow => ({
        metric,
        value: pick(ours, key),
        unit,
        baseline: { name: `wrk ${key}`, value: pick(wrk, key) },
        ...(target ? { target } : {}),
      });
      return [
        { metric: 'wrk p50', value: pick(wrk, 'p50Ms'), unit: 'ms' },
        { metric: 'wrk p99', value: pick(wrk, 'p99Ms'), unit: 'ms' },
        { metric: 'wrk requests/s', value: pick(wrk, 'rps'), unit: 'req/s' },
        row('load check p50 (autocannon, whole ms)', 'p50Ms', 'ms'),
        row('load check p99 (autocannon, whole ms)', 'p99Ms', 'ms'),
        row('load check requests/s', 'rps', 'req/s', 'ratio >= 0.5'),
      ];
    } finally {
      await service.stop();
    }
  },
};

export default benchmark;
