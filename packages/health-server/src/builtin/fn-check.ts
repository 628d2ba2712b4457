import type { CheckContext, CheckDefinition, CheckOutcome } from '../checks/check-types.js';
import { HealthError } from '../health-error.js';
import { numberIn } from '../validate.js';

/** Options of {@link fn}. */
export interface FnCheckOptions {
  /** Measurement half of the `name:measurement` key. Default `responseTime`, or `value` when thresholds are set. */
  measurement?: string;
  componentType?: string;
  /** Unit of a returned number (`ms`, `orders`). */
  observedUnit?: string;
  /** A returned number above this warns. */
  warnAbove?: number;
  /** A returned number above this fails. */
  failAbove?: number;
}

/**
 * Wraps any async function as a check. It may return nothing (passes when it resolves),
 * a boolean (false fails), a number (the observed value, judged by warnAbove/failAbove),
 * or a full CheckOutcome.
 */
export function fn(
  run: (context: CheckContext) => Promise<unknown> | unknown,
  options: FnCheckOptions = {},
): CheckDefinition {
  const where = 'checks.fn()';
  if (typeof run !== 'function') {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${where}: pass an async function, e.g. checks.fn(() => db.ping())`,
    );
  }
  const warnAbove = numberIn(
    where,
    'warnAbove',
    options.warnAbove,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
  );
  const failAbove = numberIn(
    where,
    'failAbove',
    options.failAbove,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
  );
  const thresholds = options.warnAbove !== undefined || options.failAbove !== undefined;
  const definition: CheckDefinition = {
    measurement: options.measurement ?? (thresholds ? 'value' : 'responseTime'),
    async run(context): Promise<CheckOutcome | undefined> {
      const value = await run(context);
      if (value === false) return { status: 'fail', output: 'the check returned false' };
      if (typeof value === 'number')
        return judge(value, warnAbove, failAbove, options.observedUnit);
      if (typeof value === 'object' && value !== null) return value as CheckOutcome;
      return undefined;
    },
  };
  if (options.componentType !== undefined) definition.componentType = options.componentType;
  return definition;
}

function judge(value: number, warnAbove: number, failAbove: number, unit?: string): CheckOutcome {
  const outcome: CheckOutcome = { observedValue: value };
  if (unit !== undefined) outcome.observedUnit = unit;
  const shown = `${value}${unit ? ` ${unit}` : ''}`;
  if (value > failAbove)
    return { ...outcome, status: 'fail', output: `${shown} is above ${failAbove}` };
  if (value > warnAbove)
    return { ...outcome, status: 'warn', output: `${shown} is above ${warnAbove}` };
  return outcome;
}
