import { isAbsolute, relative, resolve } from 'node:path';
import { CanaryError } from '../canary-error.js';

/**
 * Environment names and run ids become file names under `stateDir`: a letter or digit first,
 * then letters, digits, `.`, `_` and `-`. `..`, `/` and a leading dot can never pass.
 */
export const STATE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Checks an environment name (`--env`, a config key) before it names anything on disk. */
export function validateEnvName(env: unknown, where = '--env'): string {
  if (typeof env === 'string' && STATE_NAME.test(env)) return env;
  throw new CanaryError(
    'E_CONFIG_INVALID',
    `${where} must be an environment name such as "staging": a letter or digit, then letters, digits, ".", "_" or "-" (got ${JSON.stringify(env)})`,
  );
}

/** Checks a run id taken from the command line or a journal before it names a file. */
export function validateRunId(runId: unknown): string {
  if (typeof runId === 'string' && STATE_NAME.test(runId)) return runId;
  throw new CanaryError(
    'E_CONFIG_INVALID',
    `run id ${JSON.stringify(runId)} is not valid: letters, digits, ".", "_" and "-" only`,
  );
}

/**
 * A path under `stateDir`, refused (E_CONFIG_INVALID) if it would land anywhere else: the
 * last line of defence, whatever a name that reached here looks like.
 */
export function statePath(stateDir: string, ...parts: string[]): string {
  const root = resolve(stateDir);
  const path = resolve(root, ...parts);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `${parts.join('/')} would be written outside the state directory ${root}; check --env and the run id`,
    );
  }
  return path;
}
