/** The status words of the IETF health-check draft. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** `liveness` checks answer `/health`, `readiness` checks answer `/ready`. */
export type CheckKind = 'liveness' | 'readiness';

/**
 * What a check may return to say more than "it resolved". Everything is optional: a check
 * that resolves with nothing passed.
 */
export interface CheckOutcome {
  /** Default `pass`. Return `warn` for degraded-but-serving, `fail` to fail without throwing. */
  status?: CheckStatus;
  /** The measured value (a number, a string, anything JSON). Default: the check's duration in ms. */
  observedValue?: unknown;
  /** Unit of `observedValue` (`ms`, `bytes`, `percent`). */
  observedUnit?: string;
  /** Human text, shown only to callers allowed to see details. Secrets are redacted. */
  output?: string;
  /** IETF `componentType` (`datastore`, `system`, `component`). */
  componentType?: string;
}

/** Handed to every check run. */
export interface CheckContext {
  /** Aborted when the check times out (or the health object closes); pass it to fetch, sockets, drivers. */
  signal: AbortSignal;
}

/** What a check may settle with; `void` so that `async () => { await db.ping(); }` is a check as written. */
// biome-ignore lint/suspicious/noConfusingVoidType: an async function without a return value resolves to void.
export type CheckReturn = CheckOutcome | undefined | void;

/** Any function is a check: it passes when it resolves, fails when it throws or times out. */
export type CheckFunction = (context: CheckContext) => Promise<CheckReturn> | CheckReturn;

/** A check with defaults of its own, as the built-in checks are. */
export interface CheckDefinition {
  run: CheckFunction;
  /** The measurement half of the `name:measurement` key. */
  measurement?: string;
  componentType?: string;
  /** Releases what the check holds (a timer, a histogram); called by `health.close()`. */
  close?(): void;
}

export type Check = CheckFunction | CheckDefinition;

/** Per-check options of `health.readiness()` and `health.liveness()`. */
export interface CheckOptions {
  /** Longest a run may take before it fails as a timeout and its signal aborts, in ms. Default 1000. */
  timeoutMs?: number;
  /** How long a result is reused, in ms. Concurrent requests always share one run. Default 1000. */
  cacheMs?: number;
  /** A failing non-critical check makes the aggregate `warn`, not `fail`. Default true. */
  critical?: boolean;
  /** Measurement half of the `name:measurement` key. Default the check's own, else `responseTime`. */
  measurement?: string;
  /** IETF `componentType`. Default the check's own, if any. */
  componentType?: string;
}

/** One finished run of one check, as reported in bodies and metrics. */
export interface CheckResult {
  name: string;
  kind: CheckKind;
  /** `name:measurement`, the key in the IETF `checks` object. */
  key: string;
  status: CheckStatus;
  critical: boolean;
  componentType?: string;
  observedValue?: unknown;
  observedUnit?: string;
  /** Redacted, one line. */
  output?: string;
  /** ISO 8601 time the run finished. */
  time: string;
  durationMs: number;
  timedOut: boolean;
}
