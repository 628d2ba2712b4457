import { ORDER_PATH } from './health-bench-support.js';
import { bestRps, cpuRows, METHOD } from './health-endpoint.bench.js';
import type { Benchmark } from './lib/benchmark.js';

/** An express route with metricsMiddleware() against the same route bare and with express-prom-bundle. */
const benchmark: Benchmark = {
  name: 'health-metrics-middleware',
  description: `GET ${ORDER_PATH} req/s with HTTP metrics (${METHOD})`,
  async run() {
    const rps = await bestRps(['route-ours', 'route-plain', 'route-prom-bundle'], ORDER_PATH);
    const plain = { name: 'uninstrumented', value: rps.get('route-plain')!.rps };
    const bundle = { name: 'express-prom-bundle', value: rps.get('route-prom-bundle')!.rps };
    const ours = rps.get('route-ours')!.rps;
    const cpu = cpuRows([
      ['uninstrumented', rps.get('route-plain')!],
      ['express-prom-bundle', rps.get('route-prom-bundle')!],
      ['metricsMiddleware()', rps.get('route-ours')!, 'uninstrumented', 'ratio <= 1.11'],
      [
        'metricsMiddleware() (vs prom-bundle)',
        rps.get('route-ours')!,
        'express-prom-bundle',
        'ratio < 1',
      ],
    ]);
    return [
      { metric: 'uninstrumented route', value: plain.value, unit: 'req/s' },
      { metric: 'express-prom-bundle', value: bundle.value, unit: 'req/s' },
      {
        metric: 'metricsMiddleware() vs uninstrumented',
        value: ours,
        unit: 'req/s',
        baseline: plain,
        target: 'ratio >= 0.90',
      },
      {
        metric: 'metricsMiddleware() vs express-prom-bundle',
        value: ours,
        unit: 'req/s',
        baseline: bundle,
        target: 'ratio > 1',
      },
      ...cpu,
    ];
  },
};

export default benchmark;
