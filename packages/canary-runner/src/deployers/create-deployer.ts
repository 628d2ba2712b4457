import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { commandDeployer } from './command/command-deployer.js';
import type { Deployer } from './deployer.js';
import { lazyDeployer } from './lazy-deployer.js';
import { localDeployer } from './local/local-deployer.js';

/** The deployer an environment's config names; a dry run awaits its `prepare()` before `plan`. */
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
      // Imported here and only here: @kubernetes/client-node alone takes ~600 ms to load.
      return lazyDeployer('kubernetes', async () => {
        const { kubernetesDeployer } = await importKubernetesDeployer();
        return kubernetesDeployer({ config: deployer, service: config.service, ...urls });
      });
    default:
      return localDeployer({
        config: deployer,
        ...(config.baselineUrl ? { baselineUrl: config.baselineUrl } : {}),
        requestTimeoutMs: config.monitor.requestTimeoutMs,
      });
  }
}

/** @kubernetes/client-node is an optional peer dependency: only this deployer needs it. */
export async function importKubernetesDeployer(
  load = () => import('./kubernetes/kubernetes-deployer.js'),
) {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String(error).includes('@kubernetes/client-node'))
      throw error;
    throw new CanaryError(
      'E_CONFIG_INVALID',
      'the kubernetes deployer needs @kubernetes/client-node, which is not installed: run "npm install @kubernetes/client-node@^1" beside @n1v1/canary-runner (or -g beside a global @n1v1/cli)',
    );
  }
}
