/** Stable codes of every error the canary runner throws; the CLI maps them to exit codes. */
export type CanaryErrorCode =
  /** The configuration file or the options are invalid; the message names the field. */
  | 'E_CONFIG_INVALID'
  /** Another run holds the environment's lock. */
  | 'E_LOCKED'
  /** `promote` was asked for a version whose last canary did not pass. */
  | 'E_NOT_PASSED'
  /** A deployer action failed (non-zero exit, API error, not ready in time). */
  | 'E_DEPLOY_FAILED'
  /** The canary failed a check: smoke, health or analysis. */
  | 'E_CANARY_FAILED'
  /** A step ran past its timeout. */
  | 'E_TIMEOUT'
  /** A metrics source could not be read or answered something unusable. */
  | 'E_METRICS'
  /** The run was interrupted (SIGINT, SIGTERM or an aborted signal). */
  | 'E_INTERRUPTED'
  /** `n1v1 report` was given a run id or journal file that no recorded run has. */
  | 'E_RUN_NOT_FOUND';

/** The one error class of @n1v1/canary-runner: a one-line message and a stable `code`. */
export class CanaryError extends Error {
  readonly code: CanaryErrorCode;

  constructor(code: CanaryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CanaryError';
    this.code = code;
  }
}

/** The message of any thrown value, first line only: what a journal or a report should carry. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
