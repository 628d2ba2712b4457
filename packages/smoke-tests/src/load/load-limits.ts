import { SmokeError } from '../smoke-error.js';
import type { LoadOptions } from './load-types.js';

/** Bounds that keep a load run from turning into an attack or a hang. */
export const LOAD_BOUNDS = { maxDurationSec: 300, maxConnections: 1000 };

export const LOAD_DEFAULTS = {
  path: '/health',
  durationSec: 10,
  connections: 10,
  maxP99Ms: 1000,
  maxErrorRate: 0.01,
  timeoutMs: 5000,
  method: 'GET',
} as const;

export type ResolvedLoadOptions = LoadOptions &
  Required<
    Pick<
      LoadOptions,
      'path' | 'durationSec' | 'connections' | 'maxP99Ms' | 'maxErrorRate' | 'timeoutMs' | 'method'
    >
  >;

/** Applies the defaults and rejects values out of bounds with an `E_CONFIG_INVALID` that names them. */
export function resolveLoadOptions(options: LoadOptions): ResolvedLoadOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved = { ...LOAD_DEFAULTS, ...defined } as ResolvedLoadOptions;
  const { durationSec, connections, maxP99Ms, maxErrorRate, minRps, timeoutMs } = resolved;
  if (!(durationSec > 0 && durationSec <= LOAD_BOUNDS.maxDurationSec)) {
    throw invalid(
      `load duration must be more than 0 and at most ${LOAD_BOUNDS.maxDurationSec} s, got ${durationSec}`,
    );
  }
  if (
    !Number.isInteger(connections) ||
    connections < 1 ||
    connections > LOAD_BOUNDS.maxConnections
  ) {
    throw invalid(
      `load connections must be a whole number from 1 to ${LOAD_BOUNDS.maxConnections}, got ${connections}`,
    );
  }
  if (!(maxP99Ms > 0)) throw invalid(`load maxP99Ms must be more than 0 ms, got ${maxP99Ms}`);
  if (!(maxErrorRate >= 0 && maxErrorRate <= 1))
    throw invalid(`load maxErrorRate must be from 0 to 1, got ${maxErrorRate}`);
  if (minRps !== undefined && !(minRps >= 0))
    throw invalid(`load minRps must be 0 or more, got ${minRps}`);
  if (!(timeoutMs > 0)) throw invalid(`load timeoutMs must be more than 0, got ${timeoutMs}`);
  if (!resolved.path.startsWith('/'))
    throw invalid(`load path must start with /, got "${resolved.path}"`);
  return resolved;
}

function invalid(message: string): SmokeError {
  return new SmokeError('E_CONFIG_INVALID', message);
}
