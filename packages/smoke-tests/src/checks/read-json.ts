import { excerpt } from '../format.js';
import type { HttpAnswer } from '../http/http-types.js';

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * The body of an answer as JSON, or a reason that says what came instead: HTML (a proxy's
 * error page, a SPA fallback), an empty body, or text that does not parse.
 */
export function readJson(answer: HttpAnswer): JsonRead {
  const type = String(answer.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  const text = answer.body.toString('utf8');
  const head = text.trimStart().slice(0, 15).toLowerCase();
  if (type.includes('html') || head.startsWith('<!doctype') || head.startsWith('<html')) {
    return {
      ok: false,
      reason: `expected JSON, got HTML (${type || 'no content-type'}): ${excerpt(text)}`,
    };
  }
  if (text.trim() === '')
    return { ok: false, reason: `expected JSON, got an empty body (HTTP ${answer.status})` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    return { ok: false, reason: `expected JSON, got invalid JSON (${why}): ${excerpt(text)}` };
  }
}

/** The value as a plain object, or undefined for arrays, null and scalars. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** "HTTP 500: "<excerpt>"" for a reason line. */
export function describeAnswer(answer: HttpAnswer): string {
  const text = answer.body.toString('utf8').trim();
  return text
    ? `HTTP ${answer.status}: ${excerpt(text)}`
    : `HTTP ${answer.status} with an empty body`;
}
