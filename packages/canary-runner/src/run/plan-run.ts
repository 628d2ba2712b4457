import { createMetricsSource } from '../metrics/create-metrics-source.js';
import { createRouter } from '../traffic/routers/create-router.js';
import { baseReport } from './build-report.js';
import type { CanaryOptions } from './canary-options.js';
import { planTrafficSteps } from './plan-traffic.js';
import type { PlannedAction } from './planned-action.js';
import type { CanaryReport } from './report-types.js';
import type { RunContext } from './run-context.js';

/**
 * `--dry-run`: every action the run would take, in order, and none taken: no process, no
 * mutating API call, no request to the canary, no notification, no journal line, no lock.
 * Secrets in any text are redacted by the run's redactor (@n1v1/redact).
 */
export function planRun(ctx: RunContext, options: CanaryOptions): CanaryReport {
  const { config } = ctx;
  const dctx = ctx.deployContext(new AbortController().signal);
  const canaryUrl = config.canaryUrl ?? '<canary URL from the deployer>';
  const baselineUrl =
    config.baselineUrl ??
    (config.deployer.type === 'local' ? '<stable URL from the deployer>' : undefined);
  const metrics = createMetricsSource(config, {
    canaryUrl,
    ...(baselineUrl ? { baselineUrl } : {}),
  });
  const { monitor, traffic } = config;
  const router = config.steps?.length ? createRouter(config, ctx.runId) : undefined;
  const stepped = router ? planTrafficSteps(config, router, canaryUrl) : undefined;
  const plan: PlannedAction[] = [
    ...ctx.notifications.plan(['deploy.started'], 'deploy'),
    ...ctx.deployer.plan('deploy', dctx),
    ...(config.smoke.enabled
      ? [
          {
            step: 'smoke',
            kind: 'smoke' as const,
            summary: `run the smoke suite against ${canaryUrl}${config.smoke.load ? ' with the load check' : ''}`,
          },
        ]
      : []),
    ...(stepped
      ? [
          ...stepped.steps,
          ...(traffic.enabled
            ? [
                {
                  step: 'traffic',
                  kind: 'http' as const,
                  summary: `send ${traffic.ratePerSec} requests/s through the router during the steps`,
                },
              ]
            : []),
        ]
      : []),
    ...(traffic.enabled && !stepped
      ? [
          {
            step: 'monitor',
            kind: 'http' as const,
            summary: `send ${traffic.ratePerSec} requests/s to each target: ${traffic.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
          },
        ]
      : []),
    ...(stepped
      ? []
      : [
          {
            step: 'monitor',
            kind: 'http' as const,
            summary: `every ${monitor.intervalSec} s for ${monitor.durationSec} s: GET ${canaryUrl}/health and /ready`,
          },
        ]),
    ...metrics.plan(),
    ...ctx.notifications.plan(['deploy.succeeded'], 'pass'),
    ...(stepped?.promotion ?? []),
    ...(config.autoPromote ? ctx.deployer.plan('promote', dctx) : []),
    ...(stepped?.afterPromotion ?? []),
    ...(stepped?.onFailure ?? []),
    ...ctx.notifications.plan(['deploy.failed'], 'fail'),
    ...(options.noRollback
      ? []
      : [
          ...ctx.notifications.plan(['rollback.started'], 'rollback'),
          ...ctx.deployer.plan('rollback', dctx),
          ...ctx.notifications.plan(['rollback.completed', 'rollback.failed'], 'rollback'),
        ]),
  ];
  const redacted = ctx.redactor.deep(plan);
  return baseReport(ctx, 'planned', `dry run: ${redacted.length} actions planned, none taken`, {
    plan: redacted,
    ...(config.canaryUrl ? { canaryUrl: config.canaryUrl } : {}),
    ...(config.baselineUrl ? { baselineUrl: config.baselineUrl } : {}),
  });
}
