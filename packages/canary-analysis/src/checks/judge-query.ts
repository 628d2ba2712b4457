import type { CheckResult, QueryValue } from '../check-types.js';

/**
 * A user query against its bounds. Empty and NaN results are "no data" (insufficient),
 * never a pass; more than one series is ambiguous and fails: the runner will not guess
 * which series the user meant.
 */
export function judgeQuery(query: QueryValue): CheckResult {
  const name = `query:${query.name}`;
  const base = { name, canary: query.value, test: 'bound' as const };
  if (query.seriesCount > 1) {
    return {
      ...base,
      status: 'fail',
      detail: `query ${query.name} returned ${query.seriesCount} series, expected one: aggregate it (sum, max) in the query`,
    };
  }
  if (query.value === null) {
    return {
      ...base,
      status: 'insufficient',
      detail: `query ${query.name} returned no data (empty or NaN)`,
    };
  }
  if (query.max !== undefined && query.value > query.max) {
    return {
      ...base,
      status: 'fail',
      limit: query.max,
      detail: `query ${query.name} = ${query.value} above its max ${query.max}`,
    };
  }
  if (query.min !== undefined && query.value < query.min) {
    return {
      ...base,
      status: 'fail',
      limit: query.min,
      detail: `query ${query.name} = ${query.value} below its min ${query.min}`,
    };
  }
  const limit = query.max ?? query.min;
  return {
    ...base,
    status: 'pass',
    ...(limit === undefined ? {} : { limit }),
    detail: `query ${query.name} = ${query.value} within its bounds`,
  };
}
