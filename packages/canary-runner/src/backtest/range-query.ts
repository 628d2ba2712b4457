import { CanaryError } from '../canary-error.js';
import { httpRequest } from '../probes/http-get.js';

/** One series of a range-query answer: its labels and its values by time (seconds). */
export interface PromMatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, number]>;
}

/** Points Prometheus answers at most per series and query. */
const MAX_POINTS = 10_000;

/**
 * `query_range` over `[startSec, endSec]` every `stepSec`, in as many calls as Prometheus'
 * point limit needs, the series merged by labels. An error answer is an E_METRICS error.
 */
export async function rangeQuery(
  baseUrl: string,
  query: string,
  range: { startSec: number; endSec: number; stepSec: number },
  timeoutMs: number,
): Promise<PromMatrixSeries[]> {
  const merged = new Map<string, PromMatrixSeries>();
  const chunk = range.stepSec * (MAX_POINTS - 1);
  for (let from = range.startSec; from <= range.endSec; from += chunk + range.stepSec) {
    const to = Math.min(range.endSec, from + chunk);
    const url = new URL('/api/v1/query_range', baseUrl);
    url.searchParams.set('query', query);
    url.searchParams.set('start', String(from));
    url.searchParams.set('end', String(to));
    url.searchParams.set('step', String(range.stepSec));
    const answer = await httpRequest(url.href, { timeoutMs });
    let body: { status?: string; error?: string; data?: { result?: unknown } } = {};
    try {
      body = JSON.parse(answer.body);
    } catch {
      // Judged below.
    }
    if (body?.status !== 'success' || !Array.isArray(body.data?.result)) {
      throw new CanaryError(
        'E_METRICS',
        `Prometheus ${body?.error ? `rejected ${query}: ${body.error}` : `answered ${answer.status} without a range result for ${query}; check metrics.url`}`,
      );
    }
    for (const s of body.data.result as Array<{
      metric: Record<string, string>;
      values: Array<[number, string]>;
    }>) {
      const key = JSON.stringify(Object.entries(s.metric).sort());
      const series = merged.get(key) ?? { metric: s.metric, values: [] };
      for (const [t, v] of s.values) series.values.push([t, Number(v)]);
      merged.set(key, series);
    }
  }
  return [...merged.values()];
}
