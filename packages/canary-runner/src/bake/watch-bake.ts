import {
  EMPTY_WINDOW,
  type LookJudgement,
  resolvePolicy,
  subtractWindows,
  type TargetWindow,
} from '@n1v1/canary-analysis';
import type { MetricsPoll } from '../metrics/metrics-source.js';
import { probeHealth } from '../probes/health-probe.js';
import type { LookRecord } from '../run/report-types.js';
import type { RunContext } from '../run/run-context.js';
import { sleep } from '../run/sleep.js';
import { figuresOf } from '../run/target-figures.js';
import { startConfiguredTraffic } from '../traffic/synthetic-traffic.js';
import { bakePolicy, judgeBakeLook } from './judge-bake-look.js';
import { productionSource } from './production-source.js';

export interface WatchBakeOptions {
  /** Where production answers after the rollout. */
  url: string | undefined;
  before: TargetWindow | null;
  /** When the bake began (epoch ms), for the looks' elapsed time. */
  startedAtMs: number;
  /** When it ends (epoch ms): a recovered bake ends when the first one would have. */
  endsAtMs: number;
  /** Index of the first look (a recovered bake goes on counting). */
  firstIndex: number;
  signal: AbortSignal;
}

export interface WatchOutcome {
  ok: boolean;
  reason: string;
  looks: LookRecord[];
}

/**
 * Watches production until the bake window ends: every interval a health probe and a
 * judgement of that interval against the pre-rollout figures; at the end one of the whole
 * window. Returns at the first failure: the caller rolls production back.
 */
export async function watchBake(ctx: RunContext, options: WatchBakeOptions): Promise<WatchOutcome> {
  const { config } = ctx;
  const { intervalSec, durationSec } = config.bake;
  const { url, before, signal } = options;
  const intervalMs = intervalSec * 1000;
  const endsAt = options.endsAtMs;
  const source = productionSource(config, url);
  const traffic = startConfiguredTraffic(
    config.traffic,
    [url],
    Math.max(0, endsAt - Date.now()) + 2 * intervalMs,
  );
  const looks: LookRecord[] = [];
  let failuresInRow = 0;
  let health = { ok: true, detail: 'not probed yet', failuresInRow: 0 };
  const look = (
    poll: MetricsPoll,
    kind: LookRecord['kind'],
    shown: TargetWindow | null,
    judgement: LookJudgement | { status: 'error'; reason: string; checks: [] },
  ): LookRecord => {
    const record: LookRecord = {
      index: options.firstIndex + looks.length,
      kind,
      elapsedSec: Math.round((Date.now() - options.startedAtMs) / 100) / 10,
      status: judgement.status,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      health,
      canary: figuresOf(shown),
      baseline: figuresOf(before),
      checks: judgement.checks,
      problems: poll.problems,
    };
    looks.push(record);
    ctx.journal?.append('bake.look', { data: { ...record } });
    ctx.emit({
      type: 'look',
      look: record,
      elapsedMs: Date.now() - ctx.startedAt,
      monitorSec: durationSec,
    });
    return record;
  };
  const sinceStart = () => (Date.now() - options.startedAtMs) / 1000;
  let previous = EMPTY_WINDOW;
  let fromSec = sinceStart();
  let errorsInRow = 0;
  // The whole-window look starts after the warm-up: latency before it is not judged.
  const warmupSec = resolvePolicy(bakePolicy(config)).warmupSec;
  let whole = { from: EMPTY_WINDOW, fromSec };
  try {
    await source.start();
    const t0 = Date.now();
    for (let k = 1; ; k++) {
      const at = Math.min(t0 + k * intervalMs, endsAt);
      await sleep(Math.max(0, at - Date.now()), signal);
      const [probe, poll] = await Promise.all([
        url
          ? probeHealth(url, config.monitor.requestTimeoutMs, signal)
          : Promise.resolve({ ok: true, detail: 'no URL to probe' }),
        source.total(),
      ]);
      failuresInRow = probe.ok ? 0 : failuresInRow + 1;
      health = { ok: probe.ok, detail: probe.detail, failuresInRow };
      if (failuresInRow >= config.monitor.maxHealthFailures) {
        look(poll, 'interval', null, { status: 'error', reason: probe.detail, checks: [] });
        return {
          ok: false,
          reason: `health check failed ${failuresInRow} times in a row: ${probe.detail}`,
          looks,
        };
      }
      const final = at >= endsAt;
      if (!poll.canary) {
        errorsInRow++;
        const why = poll.problems[0] ?? 'no metrics';
        look(poll, 'interval', null, { status: 'error', reason: why, checks: [] });
        if (errorsInRow > config.monitor.consecutiveErrorLimit)
          return {
            ok: false,
            reason: `${errorsInRow} looks in a row without a reading of production: ${why}`,
            looks,
          };
        if (!final) continue;
        return {
          ok: false,
          reason: `no reading of production at the end of the bake: ${why}`,
          looks,
        };
      }
      errorsInRow = 0;
      const toSec = sinceStart();
      const after = subtractWindows(poll.canary, previous);
      const judged = judgeBakeLook(config, { fromSec, toSec, after, before }, k, false);
      previous = poll.canary;
      fromSec = toSec;
      const current = look(poll, 'interval', after, judged);
      if (current.status === 'fail') return { ok: false, reason: `${current.reason}`, looks };
      if (!final) {
        if (whole.fromSec < warmupSec) whole = { from: poll.canary, fromSec: toSec };
        continue;
      }
      // The whole window, one comparison with the figures from before the rollout.
      const windowAfter = subtractWindows(poll.canary, whole.from);
      const overall = judgeBakeLook(
        config,
        { fromSec: whole.fromSec, toSec, after: windowAfter, before },
        k,
        true,
      );
      const last = look(poll, 'final', windowAfter, overall);
      if (last.status === 'fail') return { ok: false, reason: `${last.reason}`, looks };
      if (last.status === 'pass')
        return { ok: true, reason: `as good as before the rollout for ${durationSec} s`, looks };
      if (config.analysis.onInconclusive === 'rollback')
        return { ok: false, reason: `inconclusive: ${last.reason ?? 'not enough data'}`, looks };
      return {
        ok: true,
        reason: `kept without enough data to judge (onInconclusive: keep): ${last.reason ?? ''}`,
        looks,
      };
    }
  } finally {
    traffic?.stop();
  }
}
