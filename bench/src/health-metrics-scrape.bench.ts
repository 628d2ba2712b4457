import { Registry } from 'prom-client';
import { fillSeries, SERIES, startChild } from './health-bench-support.js';
import type { Benchmark } from './lib/benchmark.js';
import { median } from './lib/time-command.js';

const SCRAPES = 40;

async function timeMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** A `/metrics` scrape of 10,000 series over HTTP against prom-client's `registry.metrics()` alone. */
const benchmark: Benchmark = {
  name: 'health-metrics-scrape',
  description: `GET /metrics with ${SERIES} series (median of ${SCRAPES} sequential scrapes) vs registry.metrics() in-process`,
  async run() {
    const registry = new Registry();
    fillSeries(registry);
    const direct: number[] = [];
    for (let i = 0; i < SCRAPES + 5; i++) direct.push(await timeMs(() => registry.metrics()));
    const server = await startChild('metrics-10k');
    const scrapes: number[] = [];
    let bytes = 0;
    try {
      for (let i = 0; i < SCRAPES + 5; i++) {
        scrapes.push(
          await timeMs(async () => {
            bytes = (await (await fetch(`${server.url}/metrics`)).text()).length;
          }),
        );
      }
    } finally {
      await server.stop();
    }
    // The first five of each are warm-up.
    const alone = { name: 'registry.metrics() alone', value: median(direct.slice(5)) };
    return [
      { metric: 'registry.metrics() alone', value: alone.value, unit: 'ms' },
      {
        metric: 'GET /metrics over HTTP',
        value: median(scrapes.slice(5)),
        unit: 'ms',
        baseline: alone,
      },
      { metric: 'scrape size', value: bytes / 1024, unit: 'KiB' },
    ];
  },
};

export default benchmark;
