import type { Io } from './io.js';

/** One `n1v1 <name>` command: parses its flags, calls a package, renders the result. */
export interface Command {
  /** Full help text shown by `n1v1 <name> --help`. */
  usage: string;
  /** Runs the command and resolves to its exit code. */
  run(argv: string[], io: Io): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  /** Loaded only when the command runs, so `n1v1 --version` stays fast. */
  load?: () => Promise<Command>;
}
