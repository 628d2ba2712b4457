/** Stable codes of {@link HealthError}; callers branch on these, never on messages. */
export type HealthErrorCode =
  /** An option passed to createHealth, a registration or a built-in check is invalid. */
  | 'E_CONFIG_INVALID'
  /** A check did not settle within its timeoutMs. */
  | 'E_CHECK_TIMEOUT'
  /** A built-in check could not reach its target (refused, reset, DNS failure). */
  | 'E_TARGET_UNREACHABLE'
  /** A built-in check reached its target, but the answer was not the expected one. */
  | 'E_UNEXPECTED_RESPONSE';

/** The one error class of @n1v1/health-server. Messages are one line and never hold secrets. */
export class HealthError extends Error {
  readonly code: HealthErrorCode;

  constructor(code: HealthErrorCode, message: string) {
    super(message);
    this.name = 'HealthError';
    this.code = code;
  }
}
