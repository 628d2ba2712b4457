import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values by long name; `multiple` flags are arrays. */
export type FlagValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/**
 * Parses a command's flags strictly: an unknown flag, a missing value or a stray
 * positional argument is a UsageError that names it, never a stack trace.
 */
export function parseFlags(command: string, argv: string[], spec: FlagSpec): FlagValues {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(
      `${command}: ${describeParseError(error)}. Run "n1v1 ${command} --help" for the flags.`,
    );
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag "${unknown[1]}"`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}"`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `flag "${missing[1]}" needs a value`;
  return message.split('\n')[0]!.replace(/\.$/, '');
}
