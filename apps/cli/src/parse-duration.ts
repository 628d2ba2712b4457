import { UsageError } from './usage-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A duration flag value in ms: `500ms`, `5s`, `1.5s`, `2m`, `1m30s`, `1h`. A bare number
 * is refused rather than guessed (seconds? ms?), with an example of what to write.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (trimmed === '' || parts.map((p) => p[0]).join('') !== trimmed) {
    const hint = /^\d+(\.\d+)?$/.test(trimmed) ? ' needs a unit' : ' is not a duration';
    throw new Error(`"${text}"${hint}: write e.g. 500ms, 5s, 2m or 1m30s`);
  }
  return parts.reduce((total, [, value, unit]) => total + Number(value) * UNIT_MS[unit!]!, 0);
}

/**
 * A duration flag of a command in ms, or undefined when the flag was not given; a value that
 * is not a duration is a UsageError naming the command and the flag (exit code 2).
 */
export function durationFlag(command: string, name: string, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseDuration(value);
  } catch (error) {
    throw new UsageError(`${command}: --${name} ${(error as Error).message}`);
  }
}
