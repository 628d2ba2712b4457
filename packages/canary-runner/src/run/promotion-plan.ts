import type { PlannedAction } from './planned-action.js';
import type { RunContext } from './run-context.js';

/** What `promote --dry-run` prints: from the same steps the rollout runs. */
export function promotionPlan(ctx: RunContext): PlannedAction[] {
  const { bake } = ctx.config;
  const dctx = ctx.deployContext(new AbortController().signal);
  const measure: PlannedAction[] = bake.enabled
    ? [
        {
          step: 'bake',
          kind: 'http',
          summary: `measure ${ctx.config.env} for ${bake.beforeSec} s before the rollout (the figures the bake compares with)`,
        },
      ]
    : [];
  const watch: PlannedAction[] = bake.enabled
    ? [
        {
          step: 'bake',
          kind: 'http',
          summary: `watch ${ctx.config.env} for ${bake.durationSec} s, a look every ${bake.intervalSec} s against the figures from before; on a regression put the previous version back`,
        },
        ...ctx.notifications.plan(
          ['rollback.started', 'rollback.completed', 'rollback.failed'],
          'bake',
        ),
      ]
    : [];
  return [
    ...ctx.notifications.plan(['deploy.started'], 'promote'),
    ...measure,
    ...ctx.deployer.plan('promote', dctx),
    ...watch,
    ...ctx.notifications.plan(['deploy.succeeded', 'deploy.failed'], 'promote'),
  ];
}
