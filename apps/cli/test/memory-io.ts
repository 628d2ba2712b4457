import type { Io } from '../src/io.js';

/** An Io that records what a command wrote, for assertions. */
export function memoryIo(
  env: NodeJS.ProcessEnv = {},
): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env,
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
