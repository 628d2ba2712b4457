import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/n1v1.js', import.meta.url));
const recorder = fileURLToPath(new URL('./helpers/record-heavy-modules.cjs', import.meta.url));

/** Runs the built CLI and returns the heavy modules (autocannon, ajv) it loaded. */
function heavyModulesLoadedBy(...args: string[]): { status: number | null; loaded: string[] } {
  const result = spawnSync(process.execPath, ['--require', recorder, bin, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const line = result.stderr.split('\n').find((l) => l.startsWith('HEAVY:')) ?? 'HEAVY:[]';
  return { status: result.status, loaded: JSON.parse(line.slice('HEAVY:'.length)) };
}

describe('start-up of the built n1v1', () => {
  it('loads neither autocannon nor ajv for --help of smoke and load', () => {
    expect(heavyModulesLoadedBy('smoke', '--help')).toEqual({ status: 0, loaded: [] });
    expect(heavyModulesLoadedBy('load', '--help')).toEqual({ status: 0, loaded: [] });
    expect(heavyModulesLoadedBy('--version')).toEqual({ status: 0, loaded: [] });
  });

  it('does not load them for a smoke run that needs neither', () => {
    expect(
      heavyModulesLoadedBy('smoke', '--url=http://127.0.0.1:1', '--timeout=1s').loaded,
    ).toEqual([]);
  });

  it('loads autocannon for load (so the recorder is shown to see it)', () => {
    const { loaded } = heavyModulesLoadedBy(
      'load',
      '--url=http://127.0.0.1:1',
      '--duration=1s',
      '--connections=1',
    );
    expect(loaded).toContain('autocannon');
  });

  it('prints a failing smoke report as JSON with no stack and exit 1', () => {
    const result = spawnSync(
      process.execPath,
      [bin, 'smoke', '--url=http://127.0.0.1:1', '--json'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).status).toBe('fail');
  });
});
