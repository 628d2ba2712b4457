import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from './config-types.js';

/**
 * A canary run with the command deployer needs `canaryUrl`: its scripts cannot tell the
 * runner where the canary answers. Checked before anything runs, since otherwise the deploy
 * script would put up a canary that nothing smoke-tests or watches.
 */
export function requireCanaryUrl(config: ResolvedCanaryConfig): void {
  if (config.deployer.type !== 'command' || config.canaryUrl) return;
  const where = config.configPath ? `environments.${config.env}.canaryUrl` : 'canaryUrl';
  throw new CanaryError(
    'E_CONFIG_INVALID',
    `${where} is required with the command deployer (its scripts cannot tell the runner where the canary answers); add it to the environment in the config`,
  );
}
