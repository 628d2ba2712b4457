import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { TrafficRouter } from '../traffic/routers/traffic-router.js';
import type { PlannedAction } from './planned-action.js';
import { CUT_WEIGHT_PERCENT, trafficPhases } from './traffic-phases.js';

/** How each router starts, for the plan. */
function startSummary(config: ResolvedCanaryConfig): string {
  const router = config.router!;
  switch (router.type) {
    case 'haproxy':
      return `start haproxy on 127.0.0.1:${router.port || '<free port>'} in front of stable and canary (canary weight 0), runtime API on a unix socket`;
    case 'gateway-api':
      return `read HTTPRoute ${router.namespace ?? 'default'}/${router.route ?? config.service} and set the canary's backendRef weight to 0`;
    case 'nginx-ingress':
      return `set the canary annotations of Ingress ${router.namespace ?? 'default'}/${router.canaryIngress ?? `${config.service}-canary`} to weight 0`;
    default:
      return 'nothing to start: the router command runs at each weight change';
  }
}

/**
 * The weighted steps of `--dry-run`, every weight change in the order the run makes it,
 * walked from the same `trafficPhases` list the run executes; the cut to 0 % that any
 * failure makes before its rollback is listed under the `fail` step.
 */
export function planTrafficSteps(
  config: ResolvedCanaryConfig,
  router: TrafficRouter,
  canaryUrl: string,
): {
  steps: PlannedAction[];
  promotion: PlannedAction[];
  afterPromotion: PlannedAction[];
  onFailure: PlannedAction[];
} {
  const phases = trafficPhases(config.steps ?? [], config.autoPromote);
  const { intervalSec } = config.monitor;
  const steps: PlannedAction[] = [
    {
      step: 'traffic',
      kind:
        config.router!.type === 'haproxy'
          ? 'process'
          : config.router!.type === 'command'
            ? 'command'
            : 'kubernetes',
      summary: startSummary(config),
    },
  ];
  const promotion: PlannedAction[] = [];
  for (const phase of phases) {
    const changes = router.plan(phase.weightPercent, phase.match).map((action) => ({
      ...action,
      summary: `${phase.label}: ${action.summary}`,
    }));
    if (phase.kind === 'promotion') {
      promotion.push(...changes);
      continue;
    }
    steps.push(...changes, {
      step: 'traffic',
      kind: 'http',
      summary: `${phase.label}: hold ${phase.holdSec} s; every ${intervalSec} s GET ${canaryUrl}/health and judge the step's metrics`,
    });
    if (phase.gateTimeoutSec !== undefined) {
      steps.push({
        step: 'traffic',
        kind: 'process',
        summary: `${phase.label}: wait for a manual approval (n1v1 approve --env=${config.env}), at most ${phase.gateTimeoutSec} s`,
      });
    }
  }
  const afterPromotion =
    config.autoPromote && config.router!.type !== 'haproxy'
      ? router.plan(CUT_WEIGHT_PERCENT).map((a) => ({
          ...a,
          step: 'promote',
          summary: `after the promotion the stable takes all traffic again: ${a.summary}`,
        }))
      : [];
  const onFailure = router.plan(CUT_WEIGHT_PERCENT).map((a) => ({
    ...a,
    step: 'fail',
    summary: `on any failure, before the rollback: ${a.summary}`,
  }));
  return { steps, promotion, afterPromotion, onFailure };
}
