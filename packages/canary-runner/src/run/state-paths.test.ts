import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../config/load-config.js';
import { Journal } from './journal.js';
import { acquireLock } from './lock.js';
import { rollback } from './rollback-canary.js';
import { runCanary } from './run-canary.js';
import { statePath, validateEnvName, validateRunId } from './state-paths.js';

describe('state paths', () => {
  it.each(['../../package', '..', '.', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(101)])(
    'rejects the environment name %j',
    (env) => {
      expect(() => validateEnvName(env)).toThrow(/--env must be an environment name/);
    },
  );

  it('accepts ordinary names and run ids', () => {
    expect(validateEnvName('staging')).toBe('staging');
    expect(validateEnvName('eu-west.prod_2')).toBe('eu-west.prod_2');
    expect(validateRunId('20261201T101010Z-ab12')).toBe('20261201T101010Z-ab12');
    expect(() => validateRunId('../x')).toThrow(/run id "..\/x" is not valid/);
  });

  it('keeps every path under the state directory', () => {
    expect(statePath('/s', 'runs', 'staging')).toBe('/s/runs/staging');
    expect(() => statePath('/s', 'local', '../../package.json')).toThrow(
      /would be written outside the state directory \/s/,
    );
    expect(() => statePath('/s')).toThrow(/outside the state directory/);
  });

  it('never lets --env=../../package touch ./package.json, with or without a config file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'n1v1-env-'));
    try {
      writeFileSync(join(cwd, 'package.json'), '{"name":"mine"}\n');
      const env = '../../package';
      const expected = { code: 'E_CONFIG_INVALID' };
      await expect(
        runCanary({ cwd, env, handleSignals: false, notifier: null }),
      ).rejects.toMatchObject(expected);
      await expect(runCanary({ cwd, env, dryRun: true, notifier: null })).rejects.toMatchObject(
        expected,
      );
      await expect(rollback({ cwd, env, notifier: null })).rejects.toMatchObject(expected);
      expect(() => loadCanaryConfig({ cwd, env })).toThrow(/--env must be an environment name/);
      expect(() => new Journal(join(cwd, '.n1v1'), env, 'r1')).toThrow(/--env/);
      expect(() => acquireLock(join(cwd, '.n1v1'), env, 'r1')).toThrow(/--env/);
      writeFileSync(join(cwd, 'n1v1.config.json'), '{"environments":{"..":{}}}');
      expect(() => loadCanaryConfig({ cwd, env: '..' })).toThrow(
        /--env must be an environment name/,
      );
      expect(() => loadCanaryConfig({ cwd })).toThrow(
        /environments has an invalid format|environments/,
      );
      expect(readFileSync(join(cwd, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
