import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listJournals } from '../src/run/journal.js';
import { rollback } from '../src/run/rollback-canary.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

let workspace: ReturnType<typeof canaryWorkspace>;
beforeEach(() => {
  workspace = canaryWorkspace();
});
afterEach(async () => {
  await workspace.cleanup();
});

/** A run whose deploy fails and whose canary is kept (--no-rollback): the next rollback is manual. */
async function keptCanary(deployer: Record<string, unknown>, inConfig: boolean) {
  const environment = { canaryUrl: 'http://127.0.0.1:9', ...(inConfig ? { deployer } : {}) };
  writeFileSync(
    join(workspace.cwd, 'n1v1.config.json'),
    JSON.stringify({ environments: { staging: environment } }),
  );
  const report = await runCanary({
    cwd: workspace.cwd,
    version: '1.0.0',
    handleSignals: false,
    notifier: null,
    noRollback: true,
    ...(inConfig ? {} : { deployer: deployer as never }),
  });
  expect(report.verdict).toBe('failed');
  return listJournals(workspace.stateDir, 'staging')[0]!;
}

describe('a deployer config edited in a journal', () => {
  const deployer = { type: 'command', deploy: 'exit 1', rollback: 'echo ok > rolled.txt' };

  it('is never run by the next rollback: it is refused, naming the journal', async () => {
    const journal = await keptCanary(deployer, true);
    writeFileSync(
      journal,
      readFileSync(journal, 'utf8').replace('echo ok > rolled.txt', 'touch pwned.txt'),
    );
    await expect(rollback({ cwd: workspace.cwd, notifier: null })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining(
        `the journal ${journal} records a deployer config that differs from the current config and carries no valid seal`,
      ),
    });
    expect(existsSync(join(workspace.cwd, 'pwned.txt'))).toBe(false);
    expect(existsSync(join(workspace.cwd, 'rolled.txt'))).toBe(false);
  });

  it('runs the config when the journal records what the config says', async () => {
    await keptCanary(deployer, true);
    expect(await rollback({ cwd: workspace.cwd, notifier: null })).toMatchObject({ ok: true });
    expect(readFileSync(join(workspace.cwd, 'rolled.txt'), 'utf8')).toBe('ok\n');
  });

  it('runs a sealed config given to that run only, and refuses it once the seal is forged', async () => {
    const journal = await keptCanary(deployer, false);
    const original = readFileSync(journal, 'utf8');
    writeFileSync(
      journal,
      original.replace(
        /"deployerConfigSeal":"[0-9a-f]{64}"/,
        `"deployerConfigSeal":"${'0'.repeat(64)}"`,
      ),
    );
    await expect(rollback({ cwd: workspace.cwd, notifier: null })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    writeFileSync(journal, original);
    expect(await rollback({ cwd: workspace.cwd, notifier: null })).toMatchObject({ ok: true });
    expect(readFileSync(join(workspace.cwd, 'rolled.txt'), 'utf8')).toBe('ok\n');
  });
});
