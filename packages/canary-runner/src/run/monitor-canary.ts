import {
  createJudge,
  EMPTY_WINDOW,
  type LookJudgement,
  type ReadBin,
  subtractWindows,
  type TargetWindow,
} from '@n1v1/canary-analysis';
import { createMetricsSource } from '../metrics/create-metrics-source.js';
import type { MetricsPoll } from '../metrics/metrics-source.js';
import { probeHealth } from '../probes/health-probe.js';
import { startConfiguredTraffic, type TrafficStats } from '../traffic/synthetic-traffic.js';
import { analysisPolicy } from './analysis-policy.js';
import { carryHistory, preRunHistory } from './pre-run-history.js';
import type { LookRecord } from './report-types.js';
import type { RunContext } from './run-context.js';
import { sleep } from './sleep.js';
import { readsPerInterval } from './sub-interval-reads.js';
import { figuresOf } from './target-figures.js';

export interface MonitorOutcome {
  ok: boolean;
  /** Why it failed or was inconclusive. */
  reason?: string;
  /** The analysis could not decide: never a pass; `analysis.onInconclusive` says what follows. */
  inconclusive?: boolean;
  looks: LookRecord[];
  traffic?: TrafficStats[];
}

/**
 * Watches the canary for the monitor window: first the metrics contract (what it cannot
 * read fails closed), then every interval a health probe, the deployer's status and a look
 * of the judge over the run so far. Reads that fail spend the consecutive-error budget.
 * Returns at the first failure, at the judge's verdict, or inconclusive.
 */
export async function monitorCanary(
  ctx: RunContext,
  urls: { canaryUrl: string; baselineUrl?: string },
  signal: AbortSignal,
): Promise<MonitorOutcome> {
  const { monitor, traffic: trafficConfig } = ctx.config;
  const source = createMetricsSource(ctx.config, urls);
  const hasBaseline = Boolean(urls.baselineUrl);
  // Before the canary takes traffic: the baseline's normal variation, so that a burst it is
  // prone to is known before it recurs (see canary-analysis' README).
  const history = await preRunHistory(ctx.config, source, hasBaseline);
  const reads = readsPerInterval(ctx.config, history);
  ctx.mark(
    'monitor.history',
    `${history.detail}${reads > 1 ? `; ${reads} reads per interval until the kept history covers analysis.baselineHistorySec` : ''}`,
    { intervals: history.intervals.length, readsPerInterval: reads },
  );
  const judge = createJudge(analysisPolicy(ctx.config), {
    baselineHistory: history.intervals,
  });
  const totalLooks = judge.policy.plannedLooks + judge.policy.extensionLooks;
  const intervalMs = monitor.intervalSec * 1000;
  const looks: LookRecord[] = [];
  const traffic = startConfiguredTraffic(
    trafficConfig,
    [urls.canaryUrl, urls.baselineUrl],
    (totalLooks + 2) * intervalMs,
  );
  const outcome = (ok: boolean, reason?: string, inconclusive = false): MonitorOutcome => ({
    ok,
    ...(reason ? { reason } : {}),
    ...(inconclusive ? { inconclusive } : {}),
    looks,
    ...(traffic ? { traffic: traffic.stop() } : {}),
  });
  let errorsInRow = 0;
  let healthFailures = 0;
  let previous = { canary: EMPTY_WINDOW, baseline: EMPTY_WINDOW };
  let fromSec = 0;
  // Bins since the last judged look: a look without a reading merges into the next.
  let bins: { canary: ReadBin[]; baseline: ReadBin[] } = { canary: [], baseline: [] };

  const record = (
    index: number,
    t0: number,
    health: LookRecord['health'],
    poll: MetricsPoll,
    shown: { canary: TargetWindow | null; baseline?: TargetWindow | null },
    judgement: LookJudgement | { status: 'error'; reason: string; checks: [] },
  ): LookRecord => {
    const look: LookRecord = {
      index,
      kind: 'interval',
      elapsedSec: Math.round((Date.now() - t0) / 100) / 10,
      status: judgement.status,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      health,
      canary: figuresOf(shown.canary),
      ...(hasBaseline ? { baseline: figuresOf(shown.baseline ?? null) } : {}),
      checks: judgement.checks,
      problems: poll.problems,
    };
    looks.push(look);
    ctx.journal?.append('look', {
      data: {
        index,
        status: look.status,
        reason: look.reason,
        canary: look.canary,
        baseline: look.baseline,
        health,
      },
    });
    ctx.emit({
      type: 'look',
      look,
      elapsedMs: Date.now() - ctx.startedAt,
      monitorSec: monitor.durationSec,
    });
    return look;
  };

  try {
    await source.start();
    const t0 = Date.now();
    for (let k = 1; k <= totalLooks; k++) {
      const contract = await source.contract();
      if (contract?.definitive) return outcome(false, contract.problem);
      for (let j = 1; j < reads; j++) {
        await sleep(Math.max(0, t0 + (k - 1 + j / reads) * intervalMs - Date.now()), signal);
        // Not awaited: a slow target must not shift the look's own read.
        void source.readBetween?.();
      }
      await sleep(Math.max(0, t0 + k * intervalMs - Date.now()), signal);
      const [probe, status, poll] = await Promise.all([
        probeHealth(urls.canaryUrl, monitor.requestTimeoutMs, signal),
        ctx.deployer.status(ctx.deployContext(signal), ctx.record).then(
          (s) => ({ ...s, threw: false }),
          (e: Error) => ({ healthy: false, detail: e.message, threw: true }),
        ),
        source.total(),
      ]);
      bins.canary.push(...(poll.reads?.canary ?? []));
      bins.baseline.push(...(poll.reads?.baseline ?? []));
      healthFailures = probe.ok ? 0 : healthFailures + 1;
      const health = { ok: probe.ok, detail: probe.detail, failuresInRow: healthFailures };
      const unread = !poll.canary || (hasBaseline && !poll.baseline);
      const unreadSides = { canary: null, baseline: null };
      if (!status.healthy && !status.threw) {
        record(k, t0, health, poll, unreadSides, {
          status: 'error',
          reason: status.detail,
          checks: [],
        });
        return outcome(false, status.detail);
      }
      if (healthFailures >= monitor.maxHealthFailures) {
        record(k, t0, health, poll, unreadSides, {
          status: 'error',
          reason: probe.detail,
          checks: [],
        });
        return outcome(
          false,
          `health check failed ${healthFailures} times in a row: ${probe.detail}`,
        );
      }
      if (unread || status.threw) {
        errorsInRow++;
        const why = status.threw
          ? `deployer status check failed: ${status.detail}`
          : (poll.problems[0] ?? 'no metrics');
        record(k, t0, health, poll, unreadSides, { status: 'error', reason: why, checks: [] });
        if (errorsInRow > monitor.consecutiveErrorLimit)
          return outcome(
            false,
            `${errorsInRow} looks in a row without a reading (consecutiveErrorLimit ${monitor.consecutiveErrorLimit}): ${why}`,
          );
        continue;
      }
      errorsInRow = 0;
      const contractNow = await source.contract();
      if (contractNow?.definitive) return outcome(false, contractNow.problem);
      const toSec = (Date.now() - t0) / 1000;
      const canary = poll.canary!;
      const interval = {
        fromSec,
        toSec,
        canary: subtractWindows(canary, previous.canary),
        ...(hasBaseline ? { baseline: subtractWindows(poll.baseline!, previous.baseline) } : {}),
        ...(reads > 1 ? { reads: bins } : {}),
      };
      bins = { canary: [], baseline: [] };
      previous = { canary, baseline: poll.baseline ?? EMPTY_WINDOW };
      fromSec = toSec;
      const judgement = judge.look(interval, {
        look: k,
        ...(poll.queries ? { queries: poll.queries } : {}),
      });
      record(k, t0, health, poll, interval, judgement);
      if (judgement.status === 'fail') return outcome(false, judgement.reason);
      if (judgement.status === 'pass') return outcome(true);
      if (judgement.status === 'inconclusive') return await inconclusive(judgement.reason);
    }
    return await inconclusive(looks.at(-1)?.reason);
  } finally {
    traffic?.stop();
    await source.stop?.();
    if (hasBaseline && ctx.journal) {
      const problem = carryHistory(
        ctx.config,
        judge.intervals.flatMap((i) => (i.baseline ? [i.baseline] : [])),
      );
      if (problem) ctx.mark('monitor.history', problem);
    }
  }

  /** Never a pass. A contract that still does not hold says what to map. */
  async function inconclusive(reason: string | undefined): Promise<MonitorOutcome> {
    const contract = await source.contract();
    const hint = contract
      ? `; ${contract.problem}`
      : judge.totals().canary.requests === 0
        ? '; no request reached the canary: send traffic (traffic.enabled) or check the router and metrics.excludeRoutes'
        : '';
    return outcome(
      false,
      `inconclusive after ${Math.round(fromSec)} s: ${reason ?? 'no reading'}${hint}`,
      true,
    );
  }
}
