import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CanaryError } from '../canary-error.js';
import { loadCanaryConfig } from '../config/load-config.js';
import { sleep } from './sleep.js';

/** The file a manual gate waits for: `<stateDir>/gates/<env>.approve`, holding the run id. */
export function gateFile(stateDir: string, env: string): string {
  return join(stateDir, 'gates', `${env}.approve`);
}

/**
 * Approves the manual gate a run of `env` waits at (`n1v1 approve`): writes the run id,
 * or `*` for whichever run waits.
 */
export function approveStep(stateDir: string, env: string, runId = '*'): string {
  const file = gateFile(stateDir, env);
  mkdirSync(join(stateDir, 'gates'), { recursive: true });
  writeFileSync(file, `${runId}\n`);
  return file;
}

/**
 * Waits until the gate of this run is approved, polling once a second, at most
 * `timeoutSec`; an approval is used up when it is seen. Past the timeout the step fails.
 */
export async function waitForApproval(
  stateDir: string,
  env: string,
  runId: string,
  timeoutSec: number,
  signal: AbortSignal,
): Promise<void> {
  const file = gateFile(stateDir, env);
  const deadline = Date.now() + timeoutSec * 1000;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const who = readFileSync(file, 'utf8').trim();
      if (who === '*' || who === runId) {
        rmSync(file, { force: true });
        return;
      }
    }
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())), signal);
  }
  throw new CanaryError(
    'E_CANARY_FAILED',
    `manual gate not approved within ${timeoutSec} s (approve with: n1v1 approve --env=${env})`,
  );
}

/**
 * `n1v1 approve`: opens the manual gate of the environment's waiting run (or of `runId`),
 * found through the config's state directory. Resolves to the gate file.
 */
export function approveGate(
  options: { env?: string; cwd?: string; configPath?: string; runId?: string } = {},
): string {
  const config = loadCanaryConfig({
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.configPath ? { path: options.configPath } : {}),
  });
  return approveStep(config.stateDir, config.env, options.runId);
}
