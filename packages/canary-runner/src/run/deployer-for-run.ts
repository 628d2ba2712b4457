import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { createDeployer } from '../deployers/create-deployer.js';
import type { Deployer } from '../deployers/deployer.js';
import { deployerConfigForJournal, deployerConfigFromJournal } from './journal-deployer-config.js';
import { canonicalJson, journalKey, sealMatches } from './journal-key.js';
import type { RunSummary } from './run-history.js';
import { runRedactor } from './run-secrets.js';

/**
 * The deployer that can undo (or promote) a past run. Journal lines are data, not
 * instructions: the deployer config a run recorded is used only when it is what the current
 * config says (then the current config itself is used), or when it carries the seal this
 * state directory's key gave it when the run started (a run given options that the config
 * file does not have). A config edited in the journal, or a journal from elsewhere, is
 * refused: its rollback would run what nobody configured here.
 */
export function deployerForRun(config: ResolvedCanaryConfig, run: RunSummary): Deployer {
  if (!run.deployerConfig) return createDeployer(config);
  const current = runRedactor(config).deep(deployerConfigForJournal(config.deployer));
  if (canonicalJson(current) === canonicalJson(run.deployerConfig)) return createDeployer(config);
  if (!sealMatches(journalKey(config.stateDir), run.deployerConfig, run.deployerConfigSeal)) {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `the journal ${run.file} records a deployer config that differs from the current config and carries no valid seal of this state directory (edited, or copied from elsewhere); refusing to run it. Restore the config that run used, or finish that run by hand and remove its journal`,
    );
  }
  return createDeployer({
    ...config,
    deployer: deployerConfigFromJournal(run.deployerConfig, config.deployer),
  });
}
