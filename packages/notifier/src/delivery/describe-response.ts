import { redact } from '../redact.js';
import { oneLine, truncate } from '../text/truncate.js';

/**
 * One line for an error answer: status, then the server's own `message` and `code` when
 * it sent JSON (Discord does, with the first failing field of a 400), else the start of
 * the body. Always redacted.
 */
export function describeResponse(status: number, body: string): string {
  let detail = '';
  try {
    const json = JSON.parse(body) as { message?: unknown; code?: unknown; errors?: unknown };
    detail = typeof json.message === 'string' ? json.message : body;
    if (typeof json.code === 'number' && json.code !== 0) detail += ` (code ${json.code})`;
    const field = firstFieldError(json.errors);
    if (field) detail += `: ${field}`;
  } catch {
    detail = body;
  }
  detail = truncate(oneLine(redact(detail)), 300);
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`;
}

/** Discord's `errors` tree → `embeds.0.title: Must be 256 or fewer in length.` */
function firstFieldError(errors: unknown, path: string[] = []): string | undefined {
  if (typeof errors !== 'object' || errors === null) return undefined;
  const own = (errors as { _errors?: Array<{ message?: unknown }> })._errors;
  if (Array.isArray(own) && typeof own[0]?.message === 'string') {
    return `${path.join('.')}: ${own[0].message}`;
  }
  for (const [key, value] of Object.entries(errors)) {
    const found = firstFieldError(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
