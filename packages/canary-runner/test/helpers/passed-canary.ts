import { Journal } from '../../src/run/journal.js';

/**
 * Writes the journal of a canary that passed in the gate environment, as `n1v1 canary`
 * would have left it, so that a test of `promote` starts where a real rollout does
 * without spending a whole canary run on the gate.
 */
export function passedCanary(stateDir: string, version: string, gate = 'staging'): string {
  const runId = `${new Date().toISOString().replace(/[-:.]/g, '')}-${version}`;
  const journal = new Journal(stateDir, gate, runId);
  journal.append('run.started', {
    data: { version, service: 'n1v1', env: gate, pid: process.pid, deployer: 'command' },
  });
  journal.append('step.started', { step: 'deploy' });
  for (const [from, to] of [
    ['pending', 'deploying'],
    ['deploying', 'smoking'],
    ['smoking', 'monitoring'],
    ['monitoring', 'final-check'],
    ['final-check', 'ready'],
  ])
    journal.append('transition', { data: { from, to } });
  journal.append('run.finished', { data: { verdict: 'ready', reason: 'healthy' } });
  return runId;
}
