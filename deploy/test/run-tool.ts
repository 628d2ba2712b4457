import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root and deploy/, whatever folder the tests run from. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const deployDir = fileURLToPath(new URL('../', import.meta.url));

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a real tool (kubectl, promtool, ...) and returns what it said; bounded by a timeout. */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): ToolResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? deployDir,
    input: options.input,
    ...(options.env ? { env: options.env } : {}),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error)
    throw new Error(
      `${command} could not run: ${result.error.message} (run scripts/ensure-test-tools.sh)`,
    );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
