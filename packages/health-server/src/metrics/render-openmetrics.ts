import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';

/**
 * Renders a registry in the OpenMetrics text format. prom-client can only do this for a
 * registry created in OpenMetrics mode, and doing so renames counters in place, which
 * would break the Prometheus format served from the same registry; so it is rendered here
 * from the registry's values, leaving the metrics untouched.
 */
export async function renderOpenMetrics(registry: Registry): Promise<string> {
  const families = (await registry.getMetricsAsJSON()) as Array<
    MetricObjectWithValues<MetricValue<string>>
  >;
  const lines: string[] = [];
  for (const family of families) {
    const kind = String(family.type);
    const counter = kind === 'counter';
    const name = counter ? family.name.replace(/_total$/, '') : family.name;
    const type = kind === 'untyped' ? 'unknown' : kind;
    lines.push(`# TYPE ${name} ${type}`, `# HELP ${name} ${escapeHelp(family.help)}`);
    for (const sample of family.values) {
      const sampleName =
        (sample as { metricName?: string }).metricName ?? (counter ? `${name}_total` : name);
      lines.push(`${sampleName}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

function formatLabels(labels: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (value === undefined) continue;
    parts.push(
      `${key}="${escapeLabel(typeof value === 'number' ? formatValue(value) : String(value))}"`,
    );
  }
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return escapeLabel(value);
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
