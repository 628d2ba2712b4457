import { SERIES, startChild } from './health-bench-support.js';
import type { Benchmark } from './lib/benchmark.js';
import { median } from './lib/time-command.js';

const SCRAPES = 40;
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

/** Median wall time of sequential scrapes (body read to the end), after five warm-up scrapes. */
async function scrapeMs(url: string, accept?: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SCRAPES + 5; i++) {
    const started = performance.now();
    const res = await fetch(url, accept ? { headers: { accept } } : {});
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - started);
  }
  return { ms: median(times.slice(5)), bytes };
}

/**
 * A `/metrics` scrape of a registry holding 10,000 series, over HTTP, against prom-client's
 * `registry.metrics()` rendering the same registry in the same process without HTTP.
 */
const benchmark: Benchmark = {
  name: 'health-metrics-scrape',
  description: `GET /metrics with ${SERIES} series + default metrics (median of ${SCRAPES} sequential scrapes) vs registry.metrics() on the same registry`,
  async run() {
    const server = await startChild('metrics-10k');
    try {
      const render = median((await (await fetch(`${server.url}/render-ms`)).json()) as number[]);
      const alone = { name: 'registry.metrics() alone', value: render };
      const text = await scrapeMs(`${server.url}/metrics`);
      const openMetrics = await scrapeMs(`${server.url}/metrics`, OPENMETRICS);
      return [
        { metric: 'registry.metrics() alone (in the server)', value: render, unit: 'ms' },
        { metric: 'GET /metrics, Prometheus text', value: text.ms, unit: 'ms', baseline: alone },
        { metric: 'GET /metrics, OpenMetrics', value: openMetrics.ms, unit: 'ms', baseline: alone },
        { metric: 'scrape size', value: text.bytes / 1024, unit: 'KiB' },
      ];
    } finally {
      await server.stop();
    }
  },
};

export default benchmark;
