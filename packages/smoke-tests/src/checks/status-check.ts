import { roundMs } from '../format.js';
import { type Check, type CheckOutcome, fail, pass } from './check-types.js';
import { latencyOverLimit } from './latency-limit.js';
import { asObject, describeAnswer, readJson } from './read-json.js';

export const DEFAULT_STATUS_PATH = '/api/v1/status';

/** Fields of the status copied into the check's details when present. */
const SHOWN = ['service', 'version', 'releaseId', 'environment', 'status', 'uptimeSec'];

/** `status`: the status endpoint answers 2xx JSON that names at least a version. */
export const statusCheck: Check = {
  name: 'status',
  async run(context): Promise<CheckOutcome> {
    const settings = context.config.status ?? {};
    const path = settings.path ?? DEFAULT_STATUS_PATH;
    const answer = await context.get(path);
    if (!answer.ok) return fail(`GET ${path}: ${answer.reason}`);
    if (answer.status < 200 || answer.status > 299) {
      return fail(`GET ${path}: expected 2xx JSON, got ${describeAnswer(answer)}`, {
        httpStatus: answer.status,
      });
    }
    const json = readJson(answer);
    if (!json.ok) return fail(`GET ${path}: ${json.reason}`, { httpStatus: answer.status });
    const body = asObject(json.value);
    const details: Record<string, unknown> = {
      httpStatus: answer.status,
      latencyMs: roundMs(answer.durationMs),
    };
    for (const key of SHOWN) if (body?.[key] !== undefined) details[key] = body[key];
    const version = body?.version;
    if ((typeof version !== 'string' || version.trim() === '') && typeof version !== 'number') {
      const fields = body
        ? Object.keys(body).slice(0, 8).join(', ') || 'none'
        : `a ${typeOf(json.value)}`;
      return fail(
        `GET ${path}: expected a JSON object with a version, got ${body ? `fields: ${fields}` : fields}`,
        details,
      );
    }
    const slow = latencyOverLimit(answer, settings.maxLatencyMs);
    return slow ? fail(`GET ${path}: ${slow}`, details) : pass(details);
  },
};

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
