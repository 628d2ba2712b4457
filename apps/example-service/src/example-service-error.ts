/** Stable codes of {@link ExampleServiceError}. */
export type ExampleServiceErrorCode =
  /** An option or environment variable is invalid. */
  | 'E_CONFIG_INVALID'
  /** The port could not be bound (in use, not permitted). */
  | 'E_LISTEN_FAILED'
  /** `N1V1_CRASH_ON_START=1` asked the service to crash right after it started. */
  | 'E_CRASH_ON_START';

/** The one error class of the example service; messages are one line. */
export class ExampleServiceError extends Error {
  readonly code: ExampleServiceErrorCode;

  constructor(code: ExampleServiceErrorCode, message: string) {
    super(message);
    this.name = 'ExampleServiceError';
    this.code = code;
  }
}
