/** Stable codes of {@link SmokeError}; the CLI maps both to exit code 2. */
export type SmokeErrorCode = 'E_URL_INVALID' | 'E_CONFIG_INVALID';

/**
 * The one error this package throws: the caller asked for something that cannot run
 * (a bad URL, an invalid configuration). A target that misbehaves is never an error:
 * it is a failed check in the report.
 */
export class SmokeError extends Error {
  readonly code: SmokeErrorCode;

  constructor(code: SmokeErrorCode, message: string) {
    super(message);
    this.name = 'SmokeError';
    this.code = code;
  }
}
