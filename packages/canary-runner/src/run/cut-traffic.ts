import { errorMessage } from '../canary-error.js';
import { createRouter, routerForRecord } from '../traffic/routers/create-router.js';
import type { TrafficRouter } from '../traffic/routers/traffic-router.js';
import type { RunContext } from './run-context.js';
import type { RunSummary } from './run-history.js';
import { CUT_WEIGHT_PERCENT } from './traffic-phases.js';

/** What the report says of the cut to 0 % that came before a rollback. */
export interface TrafficCut {
  ok: boolean;
  detail: string;
  /** ISO time the router confirmed 0 %. */
  at: string;
  /** How long the router took, in ms. */
  durationMs: number;
}

/**
 * Sets the canary's weight to 0 so that users stop reaching it at once, before the rollback
 * (which may take minutes) starts. Never throws: a router that fails is reported, and the
 * rollback, which removes the canary anyway, still runs.
 */
export async function cutTraffic(
  ctx: RunContext,
  router: TrafficRouter,
  trigger: string,
): Promise<TrafficCut> {
  const started = Date.now();
  ctx.journal?.append('step.started', { step: 'traffic-cut', data: { trigger } });
  try {
    const detail = await router.setWeight(CUT_WEIGHT_PERCENT);
    const cut = {
      ok: true,
      detail,
      at: new Date().toISOString(),
      durationMs: Date.now() - started,
    };
    ctx.emit({
      type: 'log',
      message: `traffic cut to 0 % before the rollback: ${detail}`,
      elapsedMs: Date.now() - ctx.startedAt,
    });
    ctx.mark('traffic.cut', detail, {
      weightPercent: CUT_WEIGHT_PERCENT,
      durationMs: cut.durationMs,
    });
    return cut;
  } catch (error) {
    const detail = errorMessage(error);
    ctx.mark('traffic.cut.failed', detail);
    return { ok: false, detail, at: new Date().toISOString(), durationMs: Date.now() - started };
  }
}

/**
 * The router a past run had started and not closed, reached again from its journal record,
 * so that recovery and `n1v1 rollback` can cut its canary to 0 % before rolling back.
 */
export function recordedRouter(ctx: RunContext, run: RunSummary): TrafficRouter | undefined {
  if (!run.router) return undefined;
  // Only a haproxy goes away when closed; a route or an Ingress keeps its weights.
  if (run.routerClosed && run.router.type === 'haproxy') return undefined;
  return routerForRecord(ctx.config, run.runId, run.router) ?? createRouter(ctx.config, run.runId);
}

/** Closes a router (stops the haproxy a run started) and journals it. */
export async function closeRouter(ctx: RunContext, router: TrafficRouter): Promise<void> {
  try {
    await router.close();
    ctx.journal?.append('router.closed', { data: { type: router.type } });
  } catch (error) {
    ctx.mark('router.close.failed', errorMessage(error));
  }
}
