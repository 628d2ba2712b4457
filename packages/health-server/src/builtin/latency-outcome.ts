import type { CheckOutcome } from '../checks/check-types.js';

/** A pass (or a warn above `warnMs`) that reports a latency in ms. */
export function latencyOutcome(ms: number, warnMs: number): CheckOutcome {
  const observedValue = Math.round(ms * 100) / 100;
  if (ms > warnMs) {
    return {
      status: 'warn',
      observedValue,
      observedUnit: 'ms',
      output: `took ${Math.round(ms)} ms, above ${warnMs} ms`,
    };
  }
  return { observedValue, observedUnit: 'ms' };
}
