import { roundMs } from '../format.js';
import { type Check, type CheckOutcome, fail, pass } from './check-types.js';
import { latencyOverLimit } from './latency-limit.js';
import { asObject, describeAnswer, readJson } from './read-json.js';

/** Health statuses of the IETF draft, with the aliases it allows ("ok" of Terminus, "up" of Spring). */
const PASSING: Record<string, 'pass' | 'warn'> = {
  pass: 'pass',
  ok: 'pass',
  up: 'pass',
  warn: 'warn',
};

/**
 * `health` and `ready`: the endpoint answers 2xx with a health+json (or plain JSON) body
 * whose status is pass or warn, within the timeout and the configured latency limit.
 */
export function healthCheck(name: 'health' | 'ready', defaultPath: string): Check {
  return {
    name,
    async run(context): Promise<CheckOutcome> {
      const settings = context.config[name] ?? {};
      const path = settings.path ?? defaultPath;
      const answer = await context.get(path);
      if (!answer.ok) return fail(`GET ${path}: ${answer.reason}`);
      const json = readJson(answer);
      const body = json.ok ? asObject(json.value) : undefined;
      const status = typeof body?.status === 'string' ? body.status : undefined;
      const details: Record<string, unknown> = {
        httpStatus: answer.status,
        latencyMs: roundMs(answer.durationMs),
      };
      if (status) details.status = status;
      for (const key of ['version', 'releaseId'] as const)
        if (body?.[key] !== undefined) details[key] = body[key];
      const failing = checksWithStatus(body, 'fail');
      const warnings = checksWithStatus(body, 'warn');
      if (warnings.length) details.warnings = warnings;
      if (answer.status < 200 || answer.status > 299) {
        const got = status
          ? `HTTP ${answer.status} with status "${status}"${failing.length ? ` (failing: ${failing.join(', ')})` : ''}`
          : describeAnswer(answer);
        return fail(`GET ${path}: expected 2xx with status pass or warn, got ${got}`, details);
      }
      if (!json.ok) return fail(`GET ${path}: ${json.reason}`, details);
      if (!status || !PASSING[status.toLowerCase()]) {
        const got = status ? `"${status}"` : 'no status field';
        return fail(
          `GET ${path}: expected status pass or warn, got ${got} (HTTP ${answer.status})`,
          details,
        );
      }
      const slow = latencyOverLimit(answer, settings.maxLatencyMs);
      return slow ? fail(`GET ${path}: ${slow}`, details) : pass(details);
    },
  };
}

/** Names (`component:measurement`) of the checks in a health body with the given status. */
function checksWithStatus(body: Record<string, unknown> | undefined, wanted: string): string[] {
  const checks = asObject(body?.checks);
  if (!checks) return [];
  return Object.entries(checks)
    .filter(([, entries]) =>
      (Array.isArray(entries) ? entries : [entries]).some(
        (entry) => asObject(entry)?.status === wanted,
      ),
    )
    .map(([key]) => key);
}
