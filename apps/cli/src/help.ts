import type { CommandEntry } from './command.js';

export function rootHelp(version: string, registry: Record<string, CommandEntry>): string {
  const width = Math.max(...Object.keys(registry).map((name) => name.length));
  const lines = Object.entries(registry).map(
    ([name, entry]) =>
      `  ${name.padEnd(width)}  ${entry.summary}${entry.load ? '' : ' (not in this version yet)'}`,
  );
  return [
    `n1v1 ${version}: the N1V1 ops toolkit`,
    '',
    'Usage: n1v1 <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Flags:',
    '  -h, --help     show help (also after a command: n1v1 smoke --help)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 passed, 1 a check failed or the canary was rolled back,',
    '            2 usage or configuration error, 3 a person must look (rollback failed).',
    '',
  ].join('\n');
}
