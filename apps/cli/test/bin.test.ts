import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/n1v1.js', import.meta.url));

function n1v1(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 15_000 });
}

describe('the n1v1 binary (built)', () => {
  it('prints its version and exits 0', () => {
    const result = n1v1('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('says an unknown command is unknown in one line and exits 2', () => {
    const result = n1v1('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'n1v1: unknown command "frobnicate". Run "n1v1 --help" to see the commands.',
    ]);
  });
});
