import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { durationFlag } from '../parse-duration.js';
import type { FlagValues } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

/** Flags `n1v1 smoke` and `n1v1 load` share: target, request and TLS settings, load limits. */
export const targetFlags = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  header: { type: 'string', multiple: true },
  token: { type: 'string' },
  insecure: { type: 'boolean' },
  ca: { type: 'string' },
  duration: { type: 'string' },
  connections: { type: 'string' },
  'max-p99': { type: 'string' },
  'max-error-rate': { type: 'string' },
  'min-rps': { type: 'string' },
} as const;

export const TOKEN_ENV = 'N1V1_SMOKE_TOKEN';

/** Reads the flags every command shares; each mistake is a UsageError that names the flag. */
export function readTargetFlags(command: string, flags: FlagValues, io: Io) {
  const url = flags.url;
  if (typeof url !== 'string' || url === '') {
    throw new UsageError(`${command}: --url is required, e.g. --url=http://127.0.0.1:8000`);
  }
  const headers: Record<string, string> = {};
  for (const line of (flags.header as string[] | undefined) ?? []) {
    const match = /^([^:\s]+)\s*:\s*(.*)$/.exec(line);
    // Only the name is echoed: what follows it may be a secret.
    if (!match) {
      throw new UsageError(
        `${command}: --header "${line.split(/[\s:]/)[0]}" must look like "Name: value"`,
      );
    }
    headers[match[1]!] = match[2]!;
  }
  const token = (flags.token as string | undefined) || io.env[TOKEN_ENV] || undefined;
  let ca: string | undefined;
  if (typeof flags.ca === 'string') {
    try {
      ca = readFileSync(resolve(io.cwd, flags.ca), 'utf8');
    } catch {
      throw new UsageError(
        `${command}: --ca file ${flags.ca} cannot be read; give a PEM file of the CA that signed the service's certificate`,
      );
    }
  }
  return {
    url,
    headers,
    ...(token ? { token } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    ...(ca ? { ca } : {}),
    ...optional('timeoutMs', durationFlag(command, 'timeout', flags.timeout)),
  };
}

/** The load settings given on the command line; absent flags are left out so config and defaults apply. */
export function readLoadFlags(command: string, flags: FlagValues) {
  const duration = durationFlag(command, 'duration', flags.duration);
  return {
    ...optional('durationSec', duration === undefined ? undefined : duration / 1000),
    ...optional('connections', numberFlag(command, 'connections', flags.connections, /^\d+$/)),
    ...optional('maxP99Ms', msFlag(command, flags['max-p99'])),
    ...optional('maxErrorRate', rateFlag(command, flags['max-error-rate'])),
    ...optional('minRps', numberFlag(command, 'min-rps', flags['min-rps'], /^\d+(\.\d+)?$/)),
  };
}

function numberFlag(
  command: string,
  name: string,
  value: unknown,
  shape: RegExp,
): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!shape.test(value))
    throw new UsageError(`${command}: --${name} must be a number, got "${value}"`);
  return Number(value);
}

/** `--max-p99=250` (ms) or `--max-p99=250ms` / `0.25s`. */
function msFlag(command: string, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : durationFlag(command, 'max-p99', value);
}

/** `--max-error-rate=0.01` or `--max-error-rate=1%`. */
function rateFlag(command: string, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(value);
  const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(rate >= 0 && rate <= 1)) {
    throw new UsageError(
      `${command}: --max-error-rate must be a fraction from 0 to 1 or a percentage, e.g. 0.01 or 1%, got "${value}"`,
    );
  }
  return rate;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
