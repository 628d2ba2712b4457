import { ExitCode } from './exit-codes.js';

/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
  readonly exitCode = ExitCode.Usage;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
