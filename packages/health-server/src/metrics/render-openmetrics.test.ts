import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { acceptsOpenMetrics, renderOpenMetrics } from './render-openmetrics.js';

describe('renderOpenMetrics', () => {
  it('renders counters, gauges and histograms with escapes and a final # EOF', async () => {
    const registry = new Registry();
    new Counter({
      name: 'orders_total',
      help: 'Orders "placed"\\ok\nnext',
      labelNames: ['side'],
      registers: [registry],
    }).inc({ side: 'b"u\\y\n' }, 2);
    new Counter({ name: 'fills', help: 'Fills.', registers: [registry] }).inc();
    new Gauge({ name: 'lag_seconds', help: 'Lag.', registers: [registry] }).set(Number.NaN);
    new Gauge({ name: 'edge', help: 'Edge.', labelNames: ['v'], registers: [registry] }).set(
      { v: 'x' },
      Number.POSITIVE_INFINITY,
    );
    new Gauge({ name: 'low', help: 'Low.', registers: [registry] }).set(Number.NEGATIVE_INFINITY);
    new Histogram({
      name: 'latency_seconds',
      help: 'Latency.',
      buckets: [0.5],
      registers: [registry],
    }).observe(0.2);
    expect(await renderOpenMetrics(registry)).toBe(
      [
        '# TYPE orders counter',
        '# HELP orders Orders \\"placed\\"\\\\ok\\nnext',
        'orders_total{side="b\\"u\\\\y\\n"} 2',
        '# TYPE fills counter',
        '# HELP fills Fills.',
        'fills_total 1',
        '# TYPE lag_seconds gauge',
        '# HELP lag_seconds Lag.',
        'lag_seconds NaN',
        '# TYPE edge gauge',
        '# HELP edge Edge.',
        'edge{v="x"} +Inf',
        '# TYPE low gauge',
        '# HELP low Low.',
        'low -Inf',
        '# TYPE latency_seconds histogram',
        '# HELP latency_seconds Latency.',
        'latency_seconds_bucket{le="0.5"} 1',
        'latency_seconds_bucket{le="+Inf"} 1',
        'latency_seconds_sum 0.2',
        'latency_seconds_count 1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('leaves the registry able to render the Prometheus format unchanged', async () => {
    const registry = new Registry();
    new Counter({ name: 'orders_total', help: 'Orders.', registers: [registry] }).inc();
    const before = await registry.metrics();
    await renderOpenMetrics(registry);
    expect(await registry.metrics()).toBe(before);
  });
});

describe('acceptsOpenMetrics', () => {
  it.each([
    [undefined, false],
    ['text/plain', false],
    ['*/*', false],
    ['application/openmetrics-text', true],
    [
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      true,
    ],
    ['text/plain;q=1,application/openmetrics-text;q=0.5', false],
    ['application/openmetrics-text;q=0', false],
    ['application/openmetrics-text;q=abc', false],
  ])('%j -> %j', (accept, expected) => {
    expect(acceptsOpenMetrics(accept)).toBe(expected);
  });
});
