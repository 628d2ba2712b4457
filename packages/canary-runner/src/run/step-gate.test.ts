import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approveGate, approveStep, gateFile, waitForApproval } from './step-gate.js';

const dirs: string[] = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-gate-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a manual gate', () => {
  it('opens when the run, or any run, is approved, and uses the approval up', async () => {
    const dir = stateDir();
    const signal = new AbortController().signal;
    approveStep(dir, 'staging', 'run-1');
    await waitForApproval(dir, 'staging', 'run-1', 5, signal);
    setTimeout(() => approveStep(dir, 'staging'), 200);
    await waitForApproval(dir, 'staging', 'run-2', 5, signal);
    await expect(waitForApproval(dir, 'staging', 'run-2', 1, signal)).rejects.toThrow(
      'manual gate not approved within 1 s (approve with: n1v1 approve --env=staging)',
    );
  });

  it('is approved through the config of a working directory, as n1v1 approve does', () => {
    const cwd = stateDir();
    expect(approveGate({ cwd, env: 'production', runId: 'run-9' })).toBe(
      gateFile(join(cwd, '.n1v1'), 'production'),
    );
  });

  it("stays closed for another run's approval", async () => {
    const dir = stateDir();
    approveStep(dir, 'staging', 'run-other');
    await expect(
      waitForApproval(dir, 'staging', 'run-1', 1, new AbortController().signal),
    ).rejects.toThrow(/not approved/);
  });
});
