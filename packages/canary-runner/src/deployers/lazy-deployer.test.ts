import { describe, expect, it } from 'vitest';
import type { DeployContext, Deployer } from './deployer.js';
import { lazyDeployer } from './lazy-deployer.js';

const ctx = { env: 'staging', version: '1.0.0' } as DeployContext;

function counting() {
  const calls = { loads: 0 };
  const real: Deployer = {
    type: 'kubernetes',
    plan: (step) => [{ step, kind: 'kubernetes', summary: `${step} it` }],
    deploy: async () => ({ canaryUrl: 'http://canary' }),
    status: async () => ({ healthy: true, detail: 'ok' }),
    rollback: async () => 'rolled back',
    promote: async () => 'promoted',
    restore: async () => 'restored',
  };
  const lazy = lazyDeployer('kubernetes', async () => {
    calls.loads++;
    return real;
  });
  return { calls, lazy };
}

describe('a lazily loaded deployer', () => {
  it('loads its module once, on the first step, and delegates every step to it', async () => {
    const { calls, lazy } = counting();
    expect(calls.loads).toBe(0);
    expect(await lazy.deploy(ctx)).toEqual({ canaryUrl: 'http://canary' });
    expect(await lazy.status(ctx, {})).toEqual({ healthy: true, detail: 'ok' });
    expect(await lazy.rollback(ctx, {})).toBe('rolled back');
    expect(await lazy.promote(ctx, undefined)).toBe('promoted');
    expect(await lazy.release?.(ctx, {})).toBeUndefined();
    expect(await lazy.restore(ctx, {})).toBe('restored');
    expect(await lazy.settle?.(ctx, {})).toBe('nothing to let go of');
    expect(lazy.stableUrl?.(ctx)).toBeUndefined();
    expect(calls.loads).toBe(1);
  });

  it('plans only after prepare(), which a dry run awaits first', async () => {
    const { lazy } = counting();
    expect(() => lazy.plan('deploy', ctx)).toThrow('planned before prepare()');
    await lazy.prepare?.();
    expect(lazy.plan('rollback', ctx)).toEqual([
      { step: 'rollback', kind: 'kubernetes', summary: 'rollback it' },
    ]);
  });
});
