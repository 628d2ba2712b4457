import type { ProbeConfig } from '../config/config-types.js';
import { roundMs } from '../format.js';
import type { CheckContext, CheckOutcome } from './check-types.js';
import { fail, pass } from './check-types.js';
import { unmetExpectation } from './json-expectations.js';
import { latencyOverLimit } from './latency-limit.js';
import { describeAnswer, readJson } from './read-json.js';

/**
 * Sends a configured request and judges the answer: status code (any 2xx unless given),
 * JSON field expectations, latency limit. The reason starts with the request it made.
 */
export async function runProbe(context: CheckContext, probe: ProbeConfig): Promise<CheckOutcome> {
  const method = probe.method ?? 'GET';
  const label = `${method} ${probe.path}`;
  const headers = { ...probe.headers };
  let body: string | undefined;
  if (probe.body !== undefined) {
    body = typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body);
    const hasType = Object.keys(headers).some((key) => key.toLowerCase() === 'content-type');
    if (!hasType)
      headers['content-type'] = typeof probe.body === 'string' ? 'text/plain' : 'application/json';
  }
  const answer = await context.http.request({
    method,
    path: probe.path,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  if (!answer.ok) return fail(`${label}: ${answer.reason}`);
  const details = { httpStatus: answer.status, latencyMs: roundMs(answer.durationMs) };
  const expected = probe.expectStatus === undefined ? undefined : [probe.expectStatus].flat();
  const statusOk = expected
    ? expected.includes(answer.status)
    : answer.status >= 200 && answer.status <= 299;
  if (!statusOk) {
    const want = expected ? `HTTP ${expected.join(' or ')}` : '2xx';
    return fail(`${label}: expected ${want}, got ${describeAnswer(answer)}`, details);
  }
  if (probe.expectJson?.length) {
    const json = readJson(answer);
    if (!json.ok) return fail(`${label}: ${json.reason}`, details);
    const unmet = unmetExpectation(json.value, probe.expectJson);
    if (unmet) return fail(`${label}: ${unmet}`, details);
  }
  const slow = latencyOverLimit(answer, probe.maxLatencyMs);
  return slow ? fail(`${label}: ${slow}`, details) : pass(details);
}
