import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalState } from '../../src/deployers/local/local-state.js';
import type { ServiceProcess } from '../../src/deployers/local/service-process.js';
import { listRuns } from '../../src/run/run-history.js';
import { canaryWorkspace } from './canary-workspace.js';
import { exampleServiceCommand } from './example-service.js';

/** The fault switches of the example service answer only this bearer token. */
export const ADMIN_TOKEN = 'bake-test-admin-token';

/**
 * A canary workspace with a staging and a local production environment whose stable
 * processes take the admin token, so that a test can break production at runtime.
 */
export function productionWorkspace() {
  const workspace = canaryWorkspace();
  const production = {
    deployer: {
      type: 'local',
      command: exampleServiceCommand(),
      stableEnv: { N1V1_ADMIN_TOKEN: ADMIN_TOKEN },
    },
  };
  writeFileSync(
    join(workspace.cwd, 'n1v1.config.json'),
    JSON.stringify({ environments: { staging: {}, production } }),
  );
  return {
    ...workspace,
    /** Production's stable process, as the local deployer recorded it. */
    stable: (): ServiceProcess => readLocalState(workspace.stateDir, 'production').stable!,
    /** The production journal of a version's promotion (run ids of one second do not sort by time). */
    promotionOf: (version: string) =>
      listRuns(workspace.stateDir, 'production').find(
        (r) => r.version === version && r.kind === 'promote',
      ),
  };
}
