import { cleanOutput, describeFailure } from '../describe-failure.js';
import { HealthError } from '../health-error.js';
import type { CheckSpec } from './check-spec.js';
import type { CheckOutcome, CheckResult, CheckStatus } from './check-types.js';

const TIMED_OUT = Symbol('timed out');
const STATUSES: ReadonlySet<unknown> = new Set<CheckStatus>(['pass', 'warn', 'fail']);

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs a check once, racing it against its timeout. On timeout the check's signal aborts
 * and the run fails at once; the call itself may linger, so `onAbandoned` receives it for
 * bookkeeping. Never throws.
 */
export async function runCheck(
  spec: CheckSpec,
  redact: (text: string) => string,
  onAbandoned: (call: Promise<unknown>) => void,
): Promise<CheckResult> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, spec.timeoutMs, TIMED_OUT);
  });
  const call = Promise.resolve().then(() => spec.run({ signal: controller.signal }));
  const settled = call.then(
    (value): Settled => ({ ok: true, value }),
    (error: unknown): Settled => ({ ok: false, error }),
  );
  const winner = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  const durationMs = performance.now() - started;

  if (winner === TIMED_OUT) {
    const message = `timed out after ${spec.timeoutMs} ms`;
    controller.abort(new HealthError('E_CHECK_TIMEOUT', `${spec.name} ${message}`));
    onAbandoned(settled);
    return result(spec, durationMs, { status: 'fail', output: message }, true);
  }
  if (!winner.ok) {
    return result(spec, durationMs, {
      status: 'fail',
      output: describeFailure(winner.error, redact),
    });
  }
  return result(spec, durationMs, normalize(winner.value, redact));
}

/** A result without running the check, for when running it is refused. */
export function failedResult(spec: CheckSpec, output: string, timedOut: boolean): CheckResult {
  return result(spec, 0, { status: 'fail', output }, timedOut);
}

function normalize(value: unknown, redact: (text: string) => string): CheckOutcome {
  if (typeof value !== 'object' || value === null) return { status: 'pass' };
  const outcome = value as CheckOutcome;
  const status = STATUSES.has(outcome.status) ? outcome.status : 'pass';
  const normalized: CheckOutcome = { ...outcome, status };
  if (typeof outcome.output === 'string') normalized.output = cleanOutput(outcome.output, redact);
  else delete normalized.output;
  return normalized;
}

function result(
  spec: CheckSpec,
  durationMs: number,
  outcome: CheckOutcome,
  timedOut = false,
): CheckResult {
  const measured = outcome.observedValue !== undefined;
  const out: CheckResult = {
    name: spec.name,
    kind: spec.kind,
    key: spec.key,
    status: outcome.status ?? 'pass',
    critical: spec.critical,
    observedValue: measured ? outcome.observedValue : Math.round(durationMs * 100) / 100,
    observedUnit: measured ? outcome.observedUnit : 'ms',
    time: new Date().toISOString(),
    durationMs,
    timedOut,
  };
  const componentType = outcome.componentType ?? spec.componentType;
  if (componentType !== undefined) out.componentType = componentType;
  if (out.observedUnit === undefined) delete out.observedUnit;
  if (outcome.output !== undefined) out.output = outcome.output;
  return out;
}
