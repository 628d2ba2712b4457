import { readFile } from 'node:fs/promises';
import { SmokeError } from '../smoke-error.js';
import type { SmokeConfig } from './config-types.js';
import { validateConfig } from './validate-config.js';

/** Reads and validates a `--config` JSON file; every problem is an `E_CONFIG_INVALID` naming the file. */
export async function loadSmokeConfig(path: string): Promise<SmokeConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'not found' : `not readable (${code ?? 'error'})`;
    throw new SmokeError('E_CONFIG_INVALID', `config file ${path} ${why}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SmokeError(
      'E_CONFIG_INVALID',
      `config file ${path} is not valid JSON: ${where(error, text)}`,
    );
  }
  return validateConfig(value, path);
}

/**
 * The parser's complaint with a line and column instead of a character offset, and
 * without the excerpt of the file Node quotes (it may hold a header's secret).
 */
function where(error: unknown, text: string): string {
  const message = (error as Error).message
    .split('\n')[0]!
    .replace(/, ".*" is not valid JSON$/s, '');
  const position = /(?: in JSON)? at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.slice(0, position.index)} at line ${line}, column ${column}`;
}
