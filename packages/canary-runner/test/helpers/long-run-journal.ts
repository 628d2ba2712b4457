import { createJudge, type TargetWindow } from '@n1v1/canary-analysis';
import { defaultEnvironment } from '../../src/config/defaults.js';
import { Journal } from '../../src/run/journal.js';

const window = (requests: number, errors: number, slowShare: number): TargetWindow => ({
  requests,
  errors,
  latency: [
    { le: 0.01, count: Math.round(requests * (1 - slowShare)) },
    { le: 0.05, count: requests },
    { le: Number.POSITIVE_INFINITY, count: requests },
  ],
});

/**
 * The journal of a canary that was watched for `looks` intervals, each look judged by the real
 * analysis on counts that vary from look to look, as a long run leaves it.
 */
export function longRunJournal(
  stateDir: string,
  looks: number,
  extra: { version?: string; reason?: string } = {},
) {
  const env = defaultEnvironment();
  const runId = `20261201T120000Z-long${looks}`;
  const journal = new Journal(stateDir, 'staging', runId);
  journal.append('run.started', {
    data: {
      version: extra.version ?? '7.0.0',
      service: 'n1v1',
      env: 'staging',
      pid: 1,
      deployer: 'local',
    },
  });
  journal.append('step.started', { step: 'deploy' });
  const judge = createJudge({ thresholds: env.thresholds, plannedLooks: looks });
  for (let index = 1; index <= looks; index++) {
    const canary = window(240 + (index % 7) * 5, index % 11 === 0 ? 2 : 0, 0.02);
    const baseline = window(250 + (index % 5) * 4, index % 13 === 0 ? 1 : 0, 0.01);
    const judged = judge.look({ fromSec: (index - 1) * 5, toSec: index * 5, canary, baseline });
    journal.append('look', {
      data: {
        index,
        kind: 'interval',
        elapsedSec: index * 5,
        status: judged.status,
        reason: judged.reason,
        canary: {
          requests: canary.requests,
          errors: canary.errors,
          errorRate: canary.errors / canary.requests,
          p99Ms: 30 + (index % 3),
        },
        baseline: {
          requests: baseline.requests,
          errors: baseline.errors,
          errorRate: baseline.errors / baseline.requests,
          p99Ms: 20,
        },
        health: { ok: true, detail: 'health 200, ready 200', failuresInRow: 0 },
        checks: judged.checks,
        problems: [],
      },
    });
  }
  journal.append('run.finished', {
    data: { verdict: 'ready', reason: extra.reason ?? `healthy for ${looks * 5} s` },
  });
  return journal.path;
}
