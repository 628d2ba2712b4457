import { readFileSync } from 'node:fs';

/** The CLI's own version, read from its package.json (the same file from src/ and dist/). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}
