import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listJournals, readJournal } from '../../src/run/journal.js';
import { pidAlive } from '../../src/run/pid-alive.js';

/**
 * A temporary working directory for canary runs, and the clean-up that stops every process
 * any run in it recorded (canary and stable), by pid, whatever the test's outcome.
 */
export function canaryWorkspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'n1v1-canary-'));
  const stateDir = join(cwd, '.n1v1');
  return {
    cwd,
    stateDir,
    /** Pids of every process a run in this workspace recorded (services and haproxy). */
    recordedPids(env = 'staging'): number[] {
      const pids: number[] = [];
      for (const file of listJournals(stateDir, env)) {
        for (const entry of readJournal(file)) {
          // The haproxy a traffic router started is a process of the run's too.
          const router = entry.type === 'router.started' ? entry.data?.record : undefined;
          if (typeof (router as { pid?: unknown })?.pid === 'number')
            pids.push((router as { pid: number }).pid);
          if (entry.type !== 'deploy.record') continue;
          for (const value of Object.values(entry.data ?? {})) {
            const pid = (value as { pid?: unknown })?.pid;
            if (typeof pid === 'number') pids.push(pid);
          }
        }
      }
      return pids;
    },
    async cleanup(envs = ['staging', 'production']): Promise<void> {
      const pids = envs.flatMap((env) => this.recordedPids(env)).filter(pidAlive);
      for (const pid of pids) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
      }
      const deadline = Date.now() + 5000;
      while (pids.some(pidAlive) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
