import type { DeployContext } from '../deployer.js';
import { readLocalState } from './local-state.js';
import { isOurProcess, type ServiceProcess } from './service-process.js';

/**
 * One line for the end of a run that keeps its processes: which ones still run, where, and
 * the command that stops them all. Undefined when nothing is left running.
 */
export function describeLeftRunning(
  ctx: DeployContext,
  record: Record<string, unknown>,
): string | undefined {
  const alive: string[] = [];
  const canary = record.canary as ServiceProcess | undefined;
  if (canary && isOurProcess(canary))
    alive.push(`canary ${canary.version} pid ${canary.pid} (${canary.url})`);
  const stable = readLocalState(ctx.stateDir, ctx.env).stable;
  if (stable && stable.pid !== canary?.pid && isOurProcess(stable))
    alive.push(`stable ${stable.version} pid ${stable.pid} (${stable.url})`);
  if (alive.length === 0) return undefined;
  return `left running: ${alive.join(', ')}; "n1v1 rollback --env=${ctx.env}" stops ${alive.length > 1 ? 'them' : 'it'} (set deployer.keepRunning to false to stop them at the end of each run)`;
}
