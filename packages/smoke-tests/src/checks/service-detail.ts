import { excerpt } from '../format.js';
import { asObject } from './read-json.js';

const MAX_DETAIL = 200;

/**
 * What the service itself said about a failure, in one short line, from the fields the common
 * health formats use: terminus's `error` (`{"db":"down"}`), the IETF draft's failing `checks`,
 * Spring Actuator's `components` that are not UP, an `output`. Undefined when the body has
 * none of them.
 */
export function serviceDetail(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  if (body.error !== undefined && body.error !== null) return clip(body.error);
  const failing = namesWithStatus(asObject(body.checks), ['fail']);
  if (failing.length) return `failing: ${failing.join(', ')}`;
  const down = namesWithStatus(asObject(body.components), ['DOWN', 'OUT_OF_SERVICE']);
  if (down.length) return `down: ${down.join(', ')}`;
  if (typeof body.output === 'string' && body.output) return clip(body.output);
  if (body.details !== undefined) return clip(body.details);
  return undefined;
}

function clip(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_DETAIL ? excerpt(text, MAX_DETAIL) : text;
}

/** Keys of a `checks` (arrays of entries) or `components` (one entry each) map with a status. */
function namesWithStatus(map: Record<string, unknown> | undefined, wanted: string[]): string[] {
  if (!map) return [];
  return Object.entries(map)
    .filter(([, entries]) =>
      (Array.isArray(entries) ? entries : [entries]).some((entry) =>
        wanted.includes(String(asObject(entry)?.status)),
      ),
    )
    .map(([key]) => key);
}
