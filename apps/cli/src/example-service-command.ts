import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * `node <@n1v1/example-service>/dist/main.js`: what the CLI runs as stable and canary when
 * there is no config file (`n1v1 canary`, `n1v1 demo`). @n1v1/example-service is a declared
 * dependency of the CLI; the canary-runner library has no default service of its own.
 */
export function exampleServiceCommand(): string[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@n1v1/example-service/package.json'));
  return [process.execPath, join(root, 'dist', 'main.js')];
}
