import { readFileSync } from 'node:fs';
import { type CommandResult, tail } from './run-command.js';
import type { Registry } from './verdaccio.js';

/**
 * Everything a failed command leaves to explain itself, for the assertion message (the
 * temporary folders are gone by the time anyone reads it): the command's own output, the tail
 * of the npm debug log it names, and what Verdaccio logged going wrong. Tokens masked.
 */
export function failureReport(what: string, result: CommandResult, registry?: Registry): string {
  const parts = [`${what} failed (exit ${result.code}):\n${tail(result)}`];
  const debugLog = /A complete log of this run can be found in:\s*(\S+)/.exec(
    `${result.stderr}\n${result.stdout}`,
  )?.[1];
  if (debugLog) {
    try {
      const lines = readFileSync(debugLog, 'utf8').trim().split('\n').slice(-40);
      parts.push(`npm debug log (${debugLog}), last lines:\n${lines.join('\n')}`);
    } catch {
      parts.push(`npm debug log ${debugLog} could not be read`);
    }
  }
  if (registry) parts.push(`verdaccio (${registry.url}), what went wrong:\n${registry.problems()}`);
  return maskTokens(registry ? registry.redact(parts.join('\n\n')) : parts.join('\n\n'));
}

/** Any `_authToken=...` or bearer token a log line carries, whichever registry it is for. */
function maskTokens(text: string): string {
  return text
    .replace(/(_authToken\s*[=:]\s*)["']?[^\s"']+/gi, '$1***')
    .replace(/(authorization:\s*bearer\s+)\S+/gi, '$1***');
}
