import { ORDER_PATH } from './health-bench-support.js';
import type { Benchmark, BenchRow } from './lib/benchmark.js';
import { CONNECTIONS, measureSideBySide, ROUNDS, SECONDS } from './lib/interleaved-servers.js';
import { median } from './lib/time-command.js';

/**
 * An express route with `app.use(metricsMiddleware())`, and wrapped by `instrument(app)`,
 * against the same route uninstrumented and with express-prom-bundle (same three labels).
 * Each is loaded at the same time as the uninstrumented route; CPU per request is the judged
 * figure, requests per second are shown for context.
 */
const benchmark: Benchmark = {
  name: 'health-metrics-middleware',
  description: `GET ${ORDER_PATH} with HTTP metrics: each variant and an uninstrumented route of its own (another process, loaded and idle in the same rounds) loaded at the same time by two wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds of ${SECONDS} s, each server in its own child process; medians of the per-round ratios`,
  async run() {
    const pairs = await measureSideBySide(
      'route-plain',
      ['route-ours', 'route-prom-bundle', 'route-instrumented', 'route-plain-twin'],
      ORDER_PATH,
    );
    const ours = pairs.get('route-ours')!;
    const bundle = pairs.get('route-prom-bundle')!;
    const instrumented = pairs.get('route-instrumented')!;
    const twin = pairs.get('route-plain-twin')!;
    const cpuRow = (metric: string, p: typeof ours, target?: string): BenchRow => ({
      metric,
      value: p.subject.cpuUsPerRequest,
      unit: 'µs',
      baseline: { name: 'uninstrumented CPU, same rounds', value: p.baseline.cpuUsPerRequest },
      pairedRatio: median(p.cpuRatios),
      roundRatios: p.cpuRatios,
      ...(target === undefined ? {} : { target }),
    });
    const rpsRow = (metric: string, p: typeof ours): BenchRow => ({
      metric,
      value: p.subject.rps,
      unit: 'req/s',
      baseline: { name: 'uninstrumented, same rounds', value: p.baseline.rps },
      pairedRatio: median(p.rpsRatios),
      roundRatios: p.rpsRatios,
    });
    // Both ratios are to the uninstrumented route of the same rounds, so their quotient
    // compares ours with express-prom-bundle on a common footing.
    const vsBundle = median(ours.cpuRatios) / median(bundle.cpuRatios);
    return [
      cpuRow('express-prom-bundle CPU per request', bundle),
      cpuRow('metricsMiddleware() CPU per request', ours, 'ratio <= 1.05'),
      cpuRow('instrument(app) CPU per request', instrumented, 'ratio <= 1.05'),
      cpuRow('uninstrumented, another process (noise floor)', twin),
      {
        metric: 'metricsMiddleware() vs express-prom-bundle CPU',
        value: ours.subject.cpuUsPerRequest,
        unit: 'µs',
        baseline: { name: 'express-prom-bundle CPU', value: bundle.subject.cpuUsPerRequest },
        pairedRatio: vsBundle,
        target: 'ratio < 1',
      },
      rpsRow('express-prom-bundle', bundle),
      rpsRow('metricsMiddleware()', ours),
      rpsRow('instrument(app)', instrumented),
    ];
  },
};

export default benchmark;
