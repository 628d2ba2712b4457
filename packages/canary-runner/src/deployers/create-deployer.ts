import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { commandDeployer } from './command/command-deployer.js';
import type { Deployer } from './deployer.js';
import { kubernetesDeployer } from './kubernetes/kubernetes-deployer.js';
import { localDeployer } from './local/local-deployer.js';

/** The deployer an environment's config names. */
export function createDeployer(config: ResolvedCanaryConfig): Deployer {
  const urls = {
    ...(config.canaryUrl ? { canaryUrl: config.canaryUrl } : {}),
    ...(config.baselineUrl ? { baselineUrl: config.baselineUrl } : {}),
  };
  const deployer = config.deployer;
  switch (deployer.type) {
    case 'command':
      return commandDeployer({ config: deployer, ...urls });
    case 'kubernetes':
      return kubernetesDeployer({ config: deployer, service: config.service, ...urls });
    default:
      return localDeployer({
        config: deployer,
        ...(config.baselineUrl ? { baselineUrl: config.baselineUrl } : {}),
        requestTimeoutMs: config.monitor.requestTimeoutMs,
      });
  }
}
