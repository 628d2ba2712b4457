/** One sample line of the Prometheus text exposition format. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$/;

/**
 * Parses Prometheus text format 0.0.4 (and the sample lines of OpenMetrics): comments and
 * blank lines are skipped, label values unescaped, `NaN`/`+Inf`/`-Inf` understood. A line
 * that is not a sample is skipped rather than failing the whole scrape.
 */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = match[2] ? parseLabels(match[2].slice(1, -1)) : {};
    if (!labels) continue;
    const value = parseValue(match[3]!);
    if (value === undefined) continue;
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

function parseValue(text: string): number | undefined {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

function parseLabels(body: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    while (body[i] === ',' || body[i] === ' ') i++;
    if (i >= body.length) break;
    const eq = body.indexOf('=', i);
    if (eq < 0 || body[eq + 1] !== '"') return undefined;
    const name = body.slice(i, eq).trim();
    let value = '';
    let j = eq + 2;
    for (; j < body.length && body[j] !== '"'; j++) {
      if (body[j] === '\\' && j + 1 < body.length) {
        j++;
        value += body[j] === 'n' ? '\n' : body[j];
      } else value += body[j];
    }
    if (j >= body.length) return undefined;
    labels[name] = value;
    i = j + 1;
  }
  return labels;
}
