import { describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../config/load-config.js';
import { commandRouter } from '../traffic/routers/command/command-router.js';
import { cutTraffic } from './cut-traffic.js';
import { createRunContext } from './run-context.js';

describe('the cut to 0 % before a rollback', () => {
  it('is reported, not thrown, when the router fails, so that the rollback still runs', async () => {
    const config = loadCanaryConfig({ cwd: '/nonexistent-n1v1-dir' });
    const ctx = createRunContext({ config, version: '1.0.0', runId: 'run-1', notifier: null });
    const router = commandRouter({
      config: { type: 'command', command: 'echo "balancer unreachable" >&2; exit 1' },
      env: 'staging',
      service: 'n1v1',
      runId: 'run-1',
      cwd: '/',
    });
    const cut = await cutTraffic(ctx, router, 'analysis failed');
    expect(cut.ok).toBe(false);
    expect(cut.detail).toMatch(/exited 1 setting the weight to 0 %: balancer unreachable$/);
    expect(ctx.timeline.map((e) => e.event)).toEqual(['traffic.cut.failed']);
  });
});
