import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * `node <@n1v1/example-service>/dist/main.js`: the service the tests run as stable and canary.
 * A dev dependency of this package only; the library itself starts whatever its caller names.
 */
export function exampleServiceCommand(): string[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@n1v1/example-service/package.json'));
  return [process.execPath, join(root, 'dist', 'main.js')];
}
