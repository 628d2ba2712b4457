import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * `node <@n1v1/example-service>/dist/main.js`: the process the local deployer runs when the
 * config names none. Resolved through the package's manifest so it works from src/ and dist/
 * and from any cwd; when the package is not installed the path is still given, and the
 * deploy step says the file is missing.
 */
export function exampleServiceCommand(): string[] {
  return [process.execPath, exampleServiceMain()];
}

export function exampleServiceMain(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('@n1v1/example-service/package.json')), 'dist', 'main.js');
  } catch {
    return 'node_modules/@n1v1/example-service/dist/main.js';
  }
}
