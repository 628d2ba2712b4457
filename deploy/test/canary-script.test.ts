import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployDir } from './run-tool.js';

const script = join(deployDir, 'canary.sh');

function canarySh(...args: string[]) {
  return spawnSync('bash', [script, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('deploy/canary.sh', () => {
  it('shows the usage of n1v1 canary, since it is a thin wrapper over it', () => {
    const result = canarySh('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('n1v1 canary');
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toContain('--no-rollback');
  });

  it('passes an unknown flag to n1v1, which rejects it in one line with exit code 2', () => {
    const result = canarySh('--frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown flag "--frobnicate"');
  });
});
