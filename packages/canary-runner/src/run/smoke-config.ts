import { resolve } from 'node:path';
// The config entry point only: the suite itself is loaded when a run reaches for it.
import { loadSmokeConfig, type SmokeConfig, validateConfig } from '@n1v1/smoke-tests/config';
import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';

/**
 * The smoke step's configuration, read and checked as `n1v1 smoke --config` does: a file
 * relative to the working directory, or the object in the canary config. A problem is an
 * E_CONFIG_INVALID naming the field, so runCanary can refuse it before anything is deployed.
 */
export async function smokeConfigOf(
  config: ResolvedCanaryConfig,
): Promise<SmokeConfig | undefined> {
  const given = config.smoke.config;
  if (given === undefined) return undefined;
  try {
    return typeof given === 'string'
      ? await loadSmokeConfig(resolve(config.cwd, given))
      : await validateConfig(given, `environments.${config.env}.smoke.config`);
  } catch (error) {
    throw new CanaryError('E_CONFIG_INVALID', (error as Error).message);
  }
}
