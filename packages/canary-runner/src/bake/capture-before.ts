import type { TargetWindow } from '@n1v1/canary-analysis';
import type { RunContext } from '../run/run-context.js';
import { sleep } from '../run/sleep.js';
import { startConfiguredTraffic } from '../traffic/synthetic-traffic.js';
import type { BakeBaseline } from './bake-types.js';
import { productionSource, productionUrl } from './production-source.js';

/**
 * Measures production for `bake.beforeSec` just before the rollout: the figures the bake
 * holds the new version to, since no baseline is left to compare with once it is out. A
 * first rollout (nothing answers yet) has none; the bake then judges absolute limits only.
 * Journaled as `bake.before`, so a recovered bake compares with the same figures.
 */
export async function captureBefore(ctx: RunContext, signal: AbortSignal): Promise<BakeBaseline> {
  const { config } = ctx;
  const url = productionUrl(config, ctx.deployer, ctx.deployContext(signal));
  const measuredSec = config.bake.beforeSec;
  let baseline: BakeBaseline;
  if (!url && config.metrics.source !== 'prometheus') {
    baseline = { window: null, problem: `nothing answers in ${config.env} yet`, measuredSec: 0 };
  } else {
    const source = productionSource(config, url);
    const traffic = startConfiguredTraffic(config.traffic, [url], (measuredSec + 5) * 1000);
    try {
      await source.start();
      await sleep(measuredSec * 1000, signal);
      const poll = await source.poll();
      baseline = {
        ...(url ? { url } : {}),
        window: poll.canary as TargetWindow | null,
        ...(poll.problems[0] ? { problem: poll.problems[0] } : {}),
        measuredSec,
      };
    } finally {
      traffic?.stop();
    }
  }
  ctx.journal?.append('bake.before', { data: { ...baseline } });
  return baseline;
}
