/** The exit codes every `n1v1` command uses (see the README's command reference). */
export const ExitCode = {
  /** Everything passed. */
  Ok: 0,
  /** A check failed, or the canary failed and was rolled back. */
  Failed: 1,
  /** Usage or configuration error: bad URL, unknown flag, invalid config. */
  Usage: 2,
  /** The canary failed and its rollback failed too, or its state is unknown: a person must look. */
  NeedsAttention: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
