import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CanaryError } from '../canary-error.js';
import { listJournals } from '../run/journal.js';

/** Every environment with recorded runs under the state directory, by name. */
export function listEnvironments(stateDir: string): string[] {
  const dir = join(stateDir, 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

/**
 * The journal of a recorded run: a journal file's path (relative to `cwd`), or a run id (or
 * its unique start) of any environment, or of `env` when given.
 */
export function findJournal(stateDir: string, ref: string, cwd: string, env?: string): string {
  const asFile = resolve(cwd, ref);
  if (ref.endsWith('.jsonl') && existsSync(asFile)) return asFile;
  const envs = env ? [env] : listEnvironments(stateDir);
  const journals = envs.flatMap((e) => listJournals(stateDir, e));
  const exact = journals.filter((f) => basename(f, '.jsonl') === ref);
  const matches = exact.length ? exact : journals.filter((f) => basename(f).startsWith(ref));
  if (matches.length === 1) return matches[0]!;
  const where = env ? `in ${env}` : `under ${stateDir}`;
  if (matches.length === 0)
    throw new CanaryError(
      'E_RUN_NOT_FOUND',
      `no run ${JSON.stringify(ref)} is recorded ${where}; "n1v1 history" lists the runs`,
    );
  throw new CanaryError(
    'E_RUN_NOT_FOUND',
    `${JSON.stringify(ref)} matches ${matches.length} runs ${where}; give more of the run id`,
  );
}
