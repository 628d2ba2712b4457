import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { type Figures, METHOD, measureVariants, pairedRatio } from './lib/interleaved-servers.js';

/**
 * `/health` of the health-server attached to the server ahead of express, and mounted as an
 * express router, against the anchors: a raw node:http server answering the same fixed body
 * (the ceiling), terminus, and a bare express route.
 */
const benchmark: Benchmark = {
  name: 'health-endpoint',
  description: `GET /health (${METHOD})`,
  async run() {
    const f = await measureVariants(
      ['health-attached', 'health-raw', 'health-ours', 'health-bare', 'health-terminus'],
      '/health',
    );
    const attached = f.get('health-attached')!;
    const raw = f.get('health-raw')!;
    const router = f.get('health-ours')!;
    const bare = f.get('health-bare')!;
    const terminus = f.get('health-terminus')!;
    return [
      { metric: 'raw node:http, fixed body', value: raw.rps, unit: 'req/s' },
      { metric: '@godaddy/terminus /health', value: terminus.rps, unit: 'req/s' },
      { metric: 'bare express res.json (same body)', value: bare.rps, unit: 'req/s' },
      compare('health.attach(server)', attached, 'raw node:http', raw, 'rps', 'ratio >= 0.9'),
      compare(
        'health.attach(server) vs terminus',
        attached,
        '@godaddy/terminus',
        terminus,
        'rps',
        'ratio > 1',
      ),
      compare('app.use(health.router())', router, 'bare express', bare, 'rps', 'ratio >= 0.95'),
      { metric: 'raw node:http CPU per request', value: raw.cpuUsPerRequest, unit: 'µs' },
      compare('health.attach(server) CPU per request', attached, 'raw node:http', raw, 'cpu'),
      compare('@godaddy/terminus CPU per request', terminus, 'raw node:http', raw, 'cpu'),
      compare(
        'app.use(health.router()) CPU per request',
        router,
        'bare express',
        bare,
        'cpu',
        'ratio <= 1.05',
      ),
      { metric: 'health.attach(server) p99', value: attached.p99Ms, unit: 'ms' },
      { metric: 'raw node:http p99', value: raw.p99Ms, unit: 'ms' },
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
    ...(target === undefined ? {} : { target }),
  };
}

export default benchmark;
