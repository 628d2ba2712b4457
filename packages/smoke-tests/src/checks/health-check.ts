import { roundMs } from '../format.js';
import { type Check, type CheckOutcome, fail, pass } from './check-types.js';
import { latencyOverLimit } from './latency-limit.js';
import { asObject, describeAnswer, readJson } from './read-json.js';
import { serviceDetail } from './service-detail.js';

/** Health statuses of the IETF draft, with the aliases it allows ("ok" of Terminus, "up" of Spring). */
const PASSING: Record<string, 'pass' | 'warn'> = {
  pass: 'pass',
  ok: 'pass',
  up: 'pass',
  warn: 'warn',
};

/**
 * `health` and `ready`: the endpoint answers 2xx within the timeout and the latency limit.
 * In the n1v1 profile its body must be health+json (or plain JSON) with status pass or warn;
 * in the others any 2xx body passes and a JSON body is only read for details. A failure
 * keeps what the service said about it (terminus's `{"db":"down"}`, the failing checks).
 */
export function healthCheck(name: 'health' | 'ready', defaultPath: string): Check {
  return {
    name,
    async run(context): Promise<CheckOutcome> {
      const settings = context.config[name] ?? {};
      const path = settings.path ?? defaultPath;
      const strict = context.profile.strictHealthBody;
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
      const expected = strict ? '2xx with status pass or warn' : '2xx';
      if (answer.status < 200 || answer.status > 299) {
        const said = failing.length ? ` (failing: ${failing.join(', ')})` : detailOf(body);
        const got = status
          ? `HTTP ${answer.status} with status "${status}"${said}`
          : describeAnswer(answer);
        return fail(`GET ${path}: expected ${expected}, got ${got}`, details);
      }
      if (strict && !json.ok) return fail(`GET ${path}: ${json.reason}`, details);
      if (strict && (!status || !PASSING[status.toLowerCase()])) {
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

function detailOf(body: Record<string, unknown> | undefined): string {
  const said = serviceDetail(body);
  return said ? `: ${said}` : '';
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
