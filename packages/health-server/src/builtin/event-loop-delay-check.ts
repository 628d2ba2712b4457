import type { CheckDefinition } from '../checks/check-types.js';
import { HealthError } from '../health-error.js';
import { numberIn } from '../validate.js';
import { LagSampler } from './lag-sampler.js';

/** Options of {@link eventLoopDelay}. */
export interface EventLoopDelayOptions {
  /** Longest event-loop delay since the previous run before the check fails, in ms. */
  maxMs: number;
  /** Delay above which it warns, in ms. Default: half of maxMs. */
  warnMs?: number;
  /** Sampling interval, in ms. Default 10. */
  resolutionMs?: number;
}

/**
 * Fails when the event loop was blocked longer than `maxMs` since the previous run: a
 * process that cannot turn its loop cannot serve, whatever its dependencies say.
 */
export function eventLoopDelay(options: EventLoopDelayOptions): CheckDefinition {
  const where = 'checks.eventLoopDelay()';
  if (typeof options !== 'object' || options === null) {
    throw new HealthError('E_CONFIG_INVALID', `${where}: pass { maxMs }, e.g. { maxMs: 1000 }`);
  }
  const maxMs = numberIn(where, 'maxMs', options.maxMs, Number.NaN, 1);
  if (Number.isNaN(maxMs)) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: "maxMs" is required, e.g. { maxMs: 1000 }`,
    );
  }
  const warnMs = numberIn(where, 'warnMs', options.warnMs, maxMs / 2, 0, maxMs);
  const resolution = numberIn(where, 'resolutionMs', options.resolutionMs, 10, 1, 1000);
  const sampler = new LagSampler(resolution);
  return {
    measurement: 'delay',
    componentType: 'system',
    run() {
      const ms = sampler.takeWorst();
      const observedValue = Math.round(ms * 10) / 10;
      const base = { observedValue, observedUnit: 'ms' };
      const blocked = `event loop blocked ${Math.round(ms)} ms`;
      if (ms > maxMs) return { ...base, status: 'fail', output: `${blocked}, above ${maxMs} ms` };
      if (ms > warnMs) return { ...base, status: 'warn', output: `${blocked}, above ${warnMs} ms` };
      return base;
    },
    close: () => sampler.stop(),
  };
}
