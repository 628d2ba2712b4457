import { ExitCode } from './exit-codes.js';
import type { Io } from './io.js';

interface CodedError {
  code?: unknown;
  exitCode?: unknown;
  message?: unknown;
}

/** Exit codes for the error codes of the packages; anything else unexpected is exit 1. */
const exitCodeByErrorCode: Record<string, number> = {
  E_USAGE: ExitCode.Usage,
  E_CONFIG_INVALID: ExitCode.Usage,
  E_RUN_NOT_FOUND: ExitCode.Usage,
  E_URL_INVALID: ExitCode.Usage,
  E_WEBHOOK_URL_INVALID: ExitCode.Usage,
  E_NEEDS_ATTENTION: ExitCode.NeedsAttention,
  E_ROLLBACK_FAILED: ExitCode.NeedsAttention,
};

/**
 * Turns any error into one line on stderr and an exit code. Never prints a stack:
 * a person reading a CI log wants what was wrong and what to do.
 */
export function reportError(error: unknown, io: Io): number {
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const message =
    typeof coded.message === 'string' && coded.message ? coded.message : String(error);
  io.stderr.write(`n1v1: ${message.split('\n')[0]}\n`);
  if (typeof coded.exitCode === 'number') return coded.exitCode;
  if (typeof coded.code === 'string' && coded.code in exitCodeByErrorCode) {
    return exitCodeByErrorCode[coded.code]!;
  }
  return ExitCode.Failed;
}
