import { type DeploymentEvent, EVENT_TYPES } from './event.js';

const REQUIRED_TEXT = ['service', 'environment', 'version', 'runId'] as const;

/**
 * What is wrong with an event, as short phrases (empty when it is valid). The notifier
 * rejects an invalid event instead of throwing; the CLI turns the phrases into a usage error.
 */
export function eventProblems(event: unknown): string[] {
  if (typeof event !== 'object' || event === null) return ['the event must be an object'];
  const e = event as Partial<Record<keyof DeploymentEvent, unknown>>;
  const problems: string[] = [];
  if (!EVENT_TYPES.includes(e.type as never)) {
    problems.push(`type must be one of ${EVENT_TYPES.join(', ')}`);
  }
  for (const key of REQUIRED_TEXT) {
    if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
      problems.push(`${key} must be a non-empty string`);
    }
  }
  for (const key of ['reason', 'message', 'url', 'timestamp'] as const) {
    if (e[key] !== undefined && typeof e[key] !== 'string')
      problems.push(`${key} must be a string`);
  }
  if (
    e.durationMs !== undefined &&
    (typeof e.durationMs !== 'number' || !Number.isFinite(e.durationMs) || e.durationMs < 0)
  ) {
    problems.push('durationMs must be a number of milliseconds >= 0');
  }
  if (typeof e.timestamp === 'string' && Number.isNaN(Date.parse(e.timestamp))) {
    problems.push('timestamp must be an ISO 8601 date');
  }
  if (e.details !== undefined && !isFlatRecord(e.details)) {
    problems.push('details must map names to strings, numbers or booleans');
  }
  return problems;
}

function isFlatRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
}

/** `undefined` for a valid event, else the one-line reason the notifier rejects it. */
export function validateEventOrReason(event: unknown): string | undefined {
  const problems = eventProblems(event);
  return problems.length === 0 ? undefined : `event rejected: ${problems.join('; ')}`;
}
