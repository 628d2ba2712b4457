import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { statePath, validateEnvName } from '../../run/state-paths.js';
import type { ServiceProcess } from './service-process.js';

/** The local "cluster" of one environment: which process is the stable version. */
export interface LocalState {
  stable?: ServiceProcess;
}

export function localStatePath(stateDir: string, env: string): string {
  return statePath(stateDir, 'local', `${validateEnvName(env)}.json`);
}

export function readLocalState(stateDir: string, env: string): LocalState {
  const path = localStatePath(stateDir, env);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LocalState;
  } catch {
    return {};
  }
}

/** Written to a temp file and renamed, so a crash never leaves half a state file. */
export function writeLocalState(stateDir: string, env: string, state: LocalState): void {
  const path = localStatePath(stateDir, env);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
