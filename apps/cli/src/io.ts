/** Where a command reads its environment and writes its output; tests pass their own. */
export interface Io {
  /** Results: with `--json` exactly one JSON document and nothing else. */
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  /** Logs, progress and errors. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
