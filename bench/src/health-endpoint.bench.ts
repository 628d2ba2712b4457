import type { Benchmark, BenchRow } from './lib/benchmark.js';
import {
  type Figures,
  METHOD,
  measureSideBySide,
  measureVariants,
  pairedRatio,
} from './lib/interleaved-servers.js';
import { median } from './lib/time-command.js';

/**
 * `/health` of the health-server attached to the server ahead of express, and mounted as an
 * express router, against the anchors: a raw node:http server answering the same fixed body
 * (the ceiling), terminus, and a bare express route.
 */
const benchmark: Benchmark = {
  name: 'health-endpoint',
  description: `GET /health: attach(server) and terminus each loaded at the same time as raw node:http (two wrk); the router and bare express one after the other (${METHOD})`,
  async run() {
    // The ceiling first: attach(server) and terminus each loaded at the same time as raw
    // node:http, so a round's ratio is free of what the machine did between runs.
    const vsRaw = await measureSideBySide(
      'health-raw',
      ['health-attached', 'health-terminus'],
      '/health',
    );
    const attached = vsRaw.get('health-attached')!;
    const terminus = vsRaw.get('health-terminus')!;
    const f = await measureVariants(['health-ours', 'health-bare'], '/health');
    const router = f.get('health-ours')!;
    const bare = f.get('health-bare')!;
    const sameRounds = (
      metric: string,
      p: typeof attached,
      what: 'rps' | 'cpu',
      target?: string,
    ): BenchRow => ({
      metric,
      value: what === 'rps' ? p.subject.rps : p.subject.cpuUsPerRequest,
      unit: what === 'rps' ? 'req/s' : 'µs',
      baseline: {
        name: what === 'rps' ? 'raw node:http, same rounds' : 'raw node:http CPU, same rounds',
        value: what === 'rps' ? p.baseline.rps : p.baseline.cpuUsPerRequest,
      },
      pairedRatio: median(what === 'rps' ? p.rpsRatios : p.cpuRatios),
      roundRatios: what === 'rps' ? p.rpsRatios : p.cpuRatios,
      ...(target === undefined ? {} : { target }),
    });
    return [
      sameRounds('health.attach(server)', attached, 'rps', 'ratio >= 0.9'),
      sameRounds('@godaddy/terminus /health', terminus, 'rps'),
      {
        metric: 'health.attach(server) vs terminus',
        value: attached.subject.rps,
        unit: 'req/s',
        baseline: { name: '@godaddy/terminus', value: terminus.subject.rps },
        pairedRatio: median(attached.rpsRatios) / median(terminus.rpsRatios),
        target: 'ratio > 1',
      },
      sameRounds('health.attach(server) CPU per request', attached, 'cpu'),
      sameRounds('@godaddy/terminus CPU per request', terminus, 'cpu'),
      { metric: 'bare express res.json (same body)', value: bare.rps, unit: 'req/s' },
      compare('app.use(health.router())', router, 'bare express', bare, 'rps', 'ratio >= 0.95'),
      compare(
        'app.use(health.router()) CPU per request',
        router,
        'bare express',
        bare,
        'cpu',
        'ratio <= 1.05',
      ),
      { metric: 'health.attach(server) p99', value: attached.subject.p99Ms, unit: 'ms' },
      { metric: 'raw node:http p99', value: attached.baseline.p99Ms, unit: 'ms' },
    ];
  },
};

/** A row comparing two variants measured in the same rounds, on rps or CPU per request. */
export function compare(
  metric: string,
  subject: Figures,
  baselineName: string,
  baseline: Figures,
  what: 'rps' | 'cpu',
  target?: string,
): BenchRow {
  const pick = (x: Figures) => (what === 'rps' ? x.samples.rps : x.samples.cpuUsPerRequest);
  return {
    metric,
    value: what === 'rps' ? subject.rps : subject.cpuUsPerRequest,
    unit: what === 'rps' ? 'req/s' : 'µs',
    baseline: {
      name: what === 'rps' ? baselineName : `${baselineName} CPU`,
      value: what === 'rps' ? baseline.rps : baseline.cpuUsPerRequest,
    },
    pairedRatio: pairedRatio(pick(subject), pick(baseline)),
    roundRatios: pick(subject).map((x, i) => x / pick(baseline)[i]!),
    ...(target === undefined ? {} : { target }),
  };
}

export default benchmark;
