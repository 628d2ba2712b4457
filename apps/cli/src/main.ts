import type { CommandEntry } from './command.js';
import { commands } from './commands.js';
import { ExitCode } from './exit-codes.js';
import { rootHelp } from './help.js';
import { type Io, processIo } from './io.js';
import { reportError } from './report-error.js';
import { UsageError } from './usage-error.js';
import { cliVersion } from './version.js';

/** Runs `n1v1` with the given arguments (without `node` and the script) and resolves to the exit code. */
export async function main(
  argv: string[],
  io: Io = processIo(),
  registry: Record<string, CommandEntry> = commands,
): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      io.stdout.write(rootHelp(cliVersion(), registry));
      return ExitCode.Ok;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`${cliVersion()}\n`);
      return ExitCode.Ok;
    }
    if (first.startsWith('-')) {
      throw new UsageError(
        `unknown flag "${first}". Run "n1v1 --help" for the commands and flags.`,
      );
    }
    const entry = Object.hasOwn(registry, first) ? registry[first] : undefined;
    if (!entry) {
      throw new UsageError(`unknown command "${first}". Run "n1v1 --help" to see the commands.`);
    }
    if (!entry.load) {
      throw new UsageError(`"${first}" is not available in this version of n1v1 yet.`);
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
      return ExitCode.Ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}
