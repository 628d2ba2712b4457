import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

/** The two text formats `/metrics` speaks. */
export type MetricsFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Record<MetricsFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

type Sample = MetricValue<string> & { metricName?: string };

/**
 * Renders a registry in the Prometheus text format or in OpenMetrics, from the registry's
 * values. prom-client renders OpenMetrics only from a registry created in that mode, and
 * doing so renames counters in place, which would break the Prometheus format served from
 * the same registry; rendering both here also makes a 10,000-series scrape faster than
 * prom-client's own `registry.metrics()` (see bench/). Exemplars are not rendered.
 */
export async function renderMetrics(registry: Registry, format: MetricsFormat): Promise<string> {
  const openMetrics = format === 'openmetrics';
  const families = (await registry.getMetricsAsJSON()) as Array<MetricObjectWithValues<Sample>>;
  const out: string[] = [];
  for (const family of families) {
    const kind = String(family.type);
    const counter = kind === 'counter';
    // OpenMetrics names a counter family without `_total` and its samples with it.
    const name = openMetrics && counter ? family.name.replace(/_total$/, '') : family.name;
    const type = openMetrics && kind === 'untyped' ? 'unknown' : kind;
    const help = openMetrics ? escapeLabel(family.help) : escapeHelp(family.help);
    let block = `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
    for (const sample of family.values) {
      const sampleName = sample.metricName ?? (openMetrics && counter ? `${name}_total` : name);
      block += `${sampleName}${formatLabels(sample.labels)} ${formatValue(sample.value)}\n`;
    }
    out.push(block);
  }
  return openMetrics ? `${out.join('')}# EOF\n` : out.join('\n');
}

function formatLabels(labels: Record<string, unknown> | undefined): string {
  if (labels === undefined) return '';
  let text = '';
  for (const key in labels) {
    const value = labels[key];
    if (value === undefined) continue;
    const shown = typeof value === 'number' ? formatValue(value) : escapeLabel(String(value));
    text += `${text === '' ? '' : ','}${key}="${shown}"`;
  }
  return text === '' ? '' : `{${text}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const NEEDS_ESCAPE = /[\\\n"]/;

/** Label values (both formats) and OpenMetrics help: backslash, newline and double quote. */
function escapeLabel(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Prometheus help text escapes backslash and newline only. */
function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * True when the Accept header asks for OpenMetrics ahead of the Prometheus text format, as
 * Prometheus itself does (`application/openmetrics-text;version=1.0.0,...;q=0.5`).
 */
export function acceptsOpenMetrics(accept: string | undefined): boolean {
  if (accept === undefined || !accept.includes('application/openmetrics-text')) return false;
  let openMetrics = -1;
  let text = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const quality = Number.isFinite(q) ? q : 0;
    const media = type.trim().toLowerCase();
    if (media === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, quality);
    else if (media === 'text/plain') text = Math.max(text, quality);
  }
  return openMetrics > 0 && openMetrics >= text;
}
