import { ORDER_PATH } from './health-bench-support.js';
import { compare } from './health-endpoint.bench.js';
import type { Benchmark } from './lib/benchmark.js';
import { METHOD, measureVariants } from './lib/interleaved-servers.js';

/**
 * An express route with `app.use(metricsMiddleware())`, and wrapped by `instrument(app)`,
 * against the same route uninstrumented and with express-prom-bundle (same three labels).
 * CPU per request is the judged figure; requests per second are shown for context.
 */
const benchmark: Benchmark = {
  name: 'health-metrics-middleware',
  description: `GET ${ORDER_PATH} with HTTP metrics (${METHOD})`,
  async run() {
    const f = await measureVariants(
      ['route-ours', 'route-plain', 'route-prom-bundle', 'route-instrumented'],
      ORDER_PATH,
    );
    const ours = f.get('route-ours')!;
    const plain = f.get('route-plain')!;
    const bundle = f.get('route-prom-bundle')!;
    const instrumented = f.get('route-instrumented')!;
    return [
      { metric: 'uninstrumented CPU per request', value: plain.cpuUsPerRequest, unit: 'µs' },
      compare('express-prom-bundle CPU per request', bundle, 'uninstrumented', plain, 'cpu'),
      compare(
        'metricsMiddleware() CPU per request',
        ours,
        'uninstrumented',
        plain,
        'cpu',
        'ratio <= 1.05',
      ),
      compare(
        'metricsMiddleware() vs express-prom-bundle CPU',
        ours,
        'express-prom-bundle',
        bundle,
        'cpu',
        'ratio < 1',
      ),
      compare(
        'instrument(app) CPU per request',
        instrumented,
        'uninstrumented',
        plain,
        'cpu',
        'ratio <= 1.05',
      ),
      { metric: 'uninstrumented route', value: plain.rps, unit: 'req/s' },
      compare('express-prom-bundle', bundle, 'uninstrumented', plain, 'rps'),
      compare('metricsMiddleware()', ours, 'uninstrumented', plain, 'rps', 'ratio >= 0.95'),
      compare('instrument(app)', instrumented, 'uninstrumented', plain, 'rps'),
    ];
  },
};

export default benchmark;
