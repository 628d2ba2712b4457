import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../src/config/load-config.js';
import { Journal, readJournal } from '../src/run/journal.js';
import { recoverUnfinishedRuns } from '../src/run/recover-runs.js';
import { listRuns } from '../src/run/run-history.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

let workspace: ReturnType<typeof canaryWorkspace>;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

/** The journal a runner leaves when it is killed at this point: no `run.finished` line. */
function deadRun(runId: string, lines: Array<[string, Record<string, unknown>]>): Journal {
  const journal = new Journal(workspace.stateDir, 'staging', runId);
  journal.append('run.started', {
    data: { version: '4.0.0', service: 'svc', env: 'staging', pid: 999_999, deployer: 'command' },
  });
  for (const [type, fields] of lines) journal.append(type, fields);
  return journal;
}

describe('recovering runs whose runner died', () => {
  it('closes a run that died before deploying, and one that died after it had passed, without rolling back', async () => {
    const weights = `${workspace.cwd}/weights.txt`;
    const config = {
      ...loadCanaryConfig({ cwd: workspace.cwd, env: 'staging' }),
      deployer: {
        type: 'command' as const,
        deploy: 'exit 1',
        rollback: `echo rolled >> ${weights}`,
      },
      router: { type: 'command' as const, command: `echo "$N1V1_CANARY_WEIGHT" >> ${weights}` },
    };
    deadRun('run-early', []);
    const passed = deadRun('run-passed', [
      ['step.started', { step: 'deploy' }],
      ['transition', { data: { from: 'checking', to: 'ready', event: 'checked' } }],
      ['router.started', { data: { record: { type: 'command' } } }],
    ]);
    deadRun('run-current', [['step.started', { step: 'deploy' }]]);

    const recovered = await recoverUnfinishedRuns({
      config,
      notifier: null,
      currentRunId: 'run-current',
    });

    expect(recovered).toEqual([
      {
        runId: 'run-early',
        version: '4.0.0',
        ok: true,
        detail: 'the run died before deploying; nothing to roll back',
      },
      {
        runId: 'run-passed',
        version: '4.0.0',
        ok: true,
        detail: 'the run died after it ended ready; closed its journal',
      },
    ]);
    const runs = Object.fromEntries(
      listRuns(workspace.stateDir, 'staging').map((r) => [r.runId, r]),
    );
    expect(runs['run-early']?.finished).toBe(true);
    expect(runs['run-passed']).toMatchObject({
      finished: true,
      state: 'ready',
      routerClosed: true,
    });
    expect(runs['run-current']?.finished).toBe(false);
    expect(readJournal(passed.path).at(-1)).toMatchObject({
      type: 'run.finished',
      data: { verdict: 'ready', recovered: true },
    });
    // Nothing was rolled back and no weight was changed: the passed canary keeps its traffic.
    expect(existsSync(weights)).toBe(false);
  });
});
