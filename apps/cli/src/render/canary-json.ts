import type { Io } from '../io.js';

/** Writes the one JSON document of `--json` to stdout. */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * With `--json` even a refusal (bad config, a held lock, nothing passed) is one JSON document
 * on stdout; the error still goes on to the one-line stderr message and its exit code.
 */
export async function jsonOnError<T>(io: Io, json: boolean, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (json) {
      const e = error as { code?: unknown; message?: unknown };
      writeJson(io, {
        error: {
          code: typeof e?.code === 'string' ? e.code : 'E_UNEXPECTED',
          message: String(e?.message ?? error).split('\n')[0],
        },
      });
    }
    throw error;
  }
}
