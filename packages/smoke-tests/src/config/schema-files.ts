import { readFileSync } from 'node:fs';

/**
 * The published JSON Schemas, read from the package's `schema/` folder (one level above
 * both `src/` and `dist/`), so the files users point their editors at are the ones we use.
 */
export function readSchema(name: 'config' | 'report'): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8'),
  );
}
