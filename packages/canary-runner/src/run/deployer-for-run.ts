import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { createDeployer } from '../deployers/create-deployer.js';
import type { Deployer } from '../deployers/deployer.js';
import { deployerConfigFromJournal } from './journal-deployer-config.js';
import type { RunSummary } from './run-history.js';

/**
 * The deployer that can undo (or promote) a past run: built from the deployer config the
 * run recorded, so that a config edited since, or options given only to that run, do not
 * change what its rollback does. Environment values, which the journal never holds, come
 * from the current config.
 */
export function deployerForRun(config: ResolvedCanaryConfig, run: RunSummary): Deployer {
  if (!run.deployerConfig) return createDeployer(config);
  return createDeployer({
    ...config,
    deployer: deployerConfigFromJournal(run.deployerConfig, config.deployer),
  });
}
