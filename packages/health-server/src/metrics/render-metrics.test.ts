import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { acceptsOpenMetrics, renderMetrics } from './render-metrics.js';

function sampleRegistry(): Registry {
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
  return registry;
}

/** The sample lines of a rendering, order-free, with prom-client's spelling of NaN normalized. */
function sampleSet(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/ Nan$/, ' NaN'))
    .sort();
}

describe('renderMetrics', () => {
  it('renders OpenMetrics: counters without _total in the family, escapes, and a final # EOF', async () => {
    expect(await renderMetrics(sampleRegistry(), 'openmetrics')).toBe(
      [
        '# HELP orders Orders \\"placed\\"\\\\ok\\nnext',
        '# TYPE orders counter',
        'orders_total{side="b\\"u\\\\y\\n"} 2',
        '# HELP fills Fills.',
        '# TYPE fills counter',
        'fills_total 1',
        '# HELP lag_seconds Lag.',
        '# TYPE lag_seconds gauge',
        'lag_seconds NaN',
        '# HELP edge Edge.',
        '# TYPE edge gauge',
        'edge{v="x"} +Inf',
        '# HELP low Low.',
        '# TYPE low gauge',
        'low -Inf',
        '# HELP latency_seconds Latency.',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{le="0.5"} 1',
        'latency_seconds_bucket{le="+Inf"} 1',
        'latency_seconds_sum 0.2',
        'latency_seconds_count 1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('renders the Prometheus format with the same samples and metadata as prom-client', async () => {
    const registry = sampleRegistry();
    new Summary({
      name: 'size_bytes',
      help: 'Sizes.',
      percentiles: [0.5, 0.99],
      labelNames: ['kind'],
      registers: [registry],
    }).observe({ kind: 'a' }, 10);
    registry.setDefaultLabels({ service: 'n1v1' });
    const ours = await renderMetrics(registry, 'prometheus');
    const theirs = await registry.metrics();
    expect(sampleSet(ours)).toEqual(sampleSet(theirs));
    const metadata = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .sort();
    expect(metadata(ours)).toEqual(metadata(theirs));
    expect(ours).toContain('# TYPE orders_total counter');
    expect(ours).toContain('# HELP orders_total Orders "placed"\\\\ok\\nnext');
  });

  it('leaves the registry able to render the Prometheus format unchanged', async () => {
    const registry = new Registry();
    new Counter({ name: 'orders_total', help: 'Orders.', registers: [registry] }).inc();
    const before = await registry.metrics();
    await renderMetrics(registry, 'openmetrics');
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
