import { readLocalState, writeLocalState } from './local-state.js';
import { isOurProcess, stopServiceProcess } from './service-process.js';

/**
 * Stops the stable process the local deployer started for an environment, so that a manual
 * rollback leaves nothing of a local run behind. Says what it stopped, or undefined when
 * no such process runs.
 */
export async function stopLocalStable(stateDir: string, env: string): Promise<string | undefined> {
  const stable = readLocalState(stateDir, env).stable;
  if (!stable) return undefined;
  writeLocalState(stateDir, env, {});
  if (!isOurProcess(stable)) return undefined;
  await stopServiceProcess(stable);
  return `stopped the local stable ${stable.version} (pid ${stable.pid}, ${stable.url})`;
}
