import { getHeapStatistics } from 'node:v8';
import type { CheckDefinition } from '../checks/check-types.js';
import { numberIn } from '../validate.js';

/** Options of {@link heapUsed}. */
export interface HeapUsedOptions {
  /** The heap size counted as 100 %, in bytes. Default V8's heap limit (`--max-old-space-size`). */
  limitBytes?: number;
  /** Used share of the limit above which the check warns, in percent. Default 80. */
  warnPercent?: number;
  /** Used share of the limit above which the check fails, in percent. Default 90. */
  failPercent?: number;
}

/** Compares the V8 heap in use with a limit. Observes the used share in percent. */
export function heapUsed(options: HeapUsedOptions = {}): CheckDefinition {
  const where = 'checks.heapUsed()';
  const limitBytes = numberIn(
    where,
    'limitBytes',
    options.limitBytes,
    getHeapStatistics().heap_size_limit,
    1,
  );
  const failPercent = numberIn(where, 'failPercent', options.failPercent, 90, 0, 100);
  const warnPercent = numberIn(
    where,
    'warnPercent',
    options.warnPercent,
    Math.min(80, failPercent),
    0,
    failPercent,
  );
  return {
    measurement: 'utilization',
    componentType: 'system',
    run() {
      const used = process.memoryUsage().heapUsed;
      const percent = (used / limitBytes) * 100;
      const observedValue = Math.round(percent * 10) / 10;
      const text = `heap ${mib(used)} MiB of ${mib(limitBytes)} MiB (${observedValue} %)`;
      const base = { observedValue, observedUnit: 'percent' };
      if (percent > failPercent)
        return { ...base, status: 'fail', output: `${text}, above ${failPercent} %` };
      if (percent > warnPercent)
        return { ...base, status: 'warn', output: `${text}, above ${warnPercent} %` };
      return base;
    },
  };
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
