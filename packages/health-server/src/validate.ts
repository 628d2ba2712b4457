import { HealthError } from './health-error.js';

/** Small validators that fail with one line saying what was wrong and what to pass instead. */
export function requireText(where: string, name: string, value: unknown, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: "${name}" must be a non-empty string (got ${describe(value)}); pass e.g. ${example}`,
    );
  }
  return value;
}

export function optionalText(where: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return requireText(where, name, value, '"some-text" or leave it out');
}

/** A finite number in [min, max], or the fallback when undefined. */
export function numberIn(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: "${name}" must be a number from ${min} to ${max} (got ${describe(value)})`,
    );
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
