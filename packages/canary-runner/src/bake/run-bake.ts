import { errorMessage } from '../canary-error.js';
import type { RunContext } from '../run/run-context.js';
import { figuresOf } from '../run/target-figures.js';
import type { BakeBaseline, BakeReport } from './bake-types.js';
import { productionUrl } from './production-source.js';
import { restoreProduction } from './restore-production.js';
import { watchBake } from './watch-bake.js';

export interface RunBakeInput {
  before: BakeBaseline;
  /** What the promotion recorded: what `restore` and `settle` need. */
  record: Record<string, unknown>;
  /** A recovered bake: when the first began, and how many looks it made. */
  resume?: { startedAtMs: number; looks: number };
  signal?: AbortSignal;
}

/**
 * The bake after a promotion: watches production against its pre-rollout figures for
 * `bake.durationSec`; on a regression rolls production back by itself (and notifies);
 * when it passes lets go of the old version. Journal: `bake.started`, `bake.look`...,
 * then `bake.finished` with the verdict, so a run killed meanwhile is finished by the next.
 */
export async function runBake(ctx: RunContext, input: RunBakeInput): Promise<BakeReport> {
  const { config } = ctx;
  const { durationSec, intervalSec } = config.bake;
  const signal = input.signal ?? new AbortController().signal;
  const url = productionUrl(config, ctx.deployer, ctx.deployContext(signal));
  const startedAtMs = input.resume?.startedAtMs ?? Date.now();
  // A recovered bake still watches at least one interval: nobody watched while it was down.
  const endsAtMs = Math.max(startedAtMs + durationSec * 1000, Date.now() + intervalSec * 1000);
  if (!input.resume) {
    ctx.journal?.append('bake.started', {
      data: { durationSec, intervalSec, ...(url ? { url } : {}), beforeUrl: input.before.url },
    });
  }
  ctx.mark(
    input.resume ? 'bake.resumed' : 'bake.started',
    `watching ${url ?? config.env} until ${new Date(endsAtMs).toISOString()} against ${input.before.window ? `its ${input.before.measuredSec} s before the rollout` : 'the absolute limits only (no figures from before the rollout)'}`,
  );
  const base = {
    durationSec,
    intervalSec,
    ...(url ? { url } : {}),
    before: figuresOf(input.before.window),
  };
  let watched: Awaited<ReturnType<typeof watchBake>>;
  try {
    watched = await watchBake(ctx, {
      url,
      before: input.before.window,
      startedAtMs,
      endsAtMs,
      firstIndex: (input.resume?.looks ?? 0) + 1,
      signal,
    });
  } catch (error) {
    watched = {
      ok: false,
      reason: `the bake could not watch production: ${errorMessage(error)}`,
      looks: [],
    };
  }
  if (watched.ok) {
    let reason = watched.reason;
    try {
      const settled = await ctx.deployer.settle?.(ctx.deployContext(signal), input.record);
      if (settled) ctx.mark('bake.settled', settled);
    } catch (error) {
      reason = `${reason}; letting go of the old version failed: ${errorMessage(error)}`;
    }
    ctx.mark('bake.passed', reason);
    ctx.journal?.append('bake.finished', { ok: true, data: { verdict: 'passed', reason } });
    return { ...base, verdict: 'passed', reason, looks: watched.looks };
  }
  const trigger = `bake of ${ctx.version} in ${config.env}: ${watched.reason}`;
  ctx.mark('bake.failed', watched.reason);
  ctx.notifications.send('deploy.failed', {
    reason: trigger,
    durationMs: Date.now() - ctx.startedAt,
  });
  const restored = await restoreProduction(ctx, input.record, trigger);
  const verdict = restored.ok ? 'rolled-back' : 'rollback-failed';
  const reason = restored.ok
    ? watched.reason
    : `${watched.reason}; rollback failed: ${restored.detail}`;
  ctx.journal?.append('bake.finished', { ok: false, data: { verdict, reason } });
  return {
    ...base,
    verdict,
    reason,
    looks: watched.looks,
    restore: { trigger, ok: restored.ok, detail: restored.detail, durationMs: restored.durationMs },
  };
}
