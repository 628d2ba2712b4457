import type { BakeReport } from '../bake/bake-types.js';
import type { ThresholdsConfig } from '../config/config-types.js';
import type { JournalEntry } from '../run/journal.js';
import type { ManualReport } from '../run/manual-report.js';
import type { CanaryReport, LookRecord, TargetFigures } from '../run/report-types.js';
import { summarizeRun } from '../run/run-history.js';
import type { NotificationRecord } from '../run/run-notifications.js';

/** One moment of the run as the page's timeline shows it. */
export interface TimelineItem {
  at: string;
  /** Since the run started, in ms. */
  elapsedMs: number;
  event: string;
  detail?: string;
}

/** Everything the HTML report shows about one run: its journal, and the reports written beside it. */
export interface RunView {
  runId: string;
  kind: 'canary' | 'promote';
  service: string;
  env: string;
  version: string;
  startedAt: string;
  /** The run's latest state: its verdict, or where it was when it died. */
  verdict: string;
  /** Why it ended so. */
  reason: string;
  /** Whether the journal says the run ended (false: it died and was not finished yet). */
  finished: boolean;
  /** The canary's looks, oldest first. */
  looks: LookRecord[];
  /** The bake after a promotion. */
  bake?: Pick<BakeReport, 'looks' | 'before'> & Partial<BakeReport>;
  thresholds?: Pick<ThresholdsConfig, 'maxErrorRate' | 'maxP99Ms'> & Partial<ThresholdsConfig>;
  intervalSec?: number;
  timeline: TimelineItem[];
  /** Every notification of every action on the run, with what became of it. */
  notifications: Array<NotificationRecord & { action: string }>;
  journalFile: string;
}

/** The JSON reports of the actions on a run, as they were written beside its journal. */
export interface SiblingReports {
  canary?: CanaryReport;
  promote?: ManualReport;
  rollback?: ManualReport;
}

/** Journal lines the timeline leaves out: they are charted, tabled or internal. */
const NOT_ON_TIMELINE = new Set(['look', 'bake.look', 'deploy.record', 'log', 'bake.before']);

/** Folds a journal and the reports beside it into what the page shows. */
export function buildRunView(
  journalFile: string,
  entries: JournalEntry[],
  reports: SiblingReports = {},
): RunView {
  const summary = summarizeRun(journalFile, entries);
  if (!summary)
    throw new Error(`${journalFile} has no run.started line: it is not a run's journal`);
  const start = Date.parse(summary.startedAt);
  const finished = [...entries].reverse().find((e) => e.type === 'run.finished');
  const lastReason = lastString(entries, ['bake.finished', 'run.finished'], 'reason');
  const canaryReport = reports.canary;
  const bakeReport = reports.promote?.bake;
  const journalLooks = (type: string) =>
    entries.filter((e) => e.type === type).map((e) => lookFrom(e.data ?? {}));
  const looks = canaryReport?.looks ?? journalLooks('look');
  const bakeLooks = bakeReport?.looks ?? journalLooks('bake.look');
  const before = entries.find((e) => e.type === 'bake.before')?.data?.window;
  const thresholds =
    canaryReport?.statistics.thresholds ?? thresholdsFromChecks([...looks, ...bakeLooks]);
  const intervalSec = canaryReport?.statistics.monitor.intervalSec;
  const notifications = (['canary', 'promote', 'rollback'] as const).flatMap((action) =>
    (reports[action]?.notifications ?? []).map((n) => ({ ...n, action })),
  );
  return {
    runId: summary.runId,
    kind: summary.kind,
    service: summary.service,
    env: String(entries[0]?.data?.env ?? canaryReport?.env ?? ''),
    version: summary.version,
    startedAt: summary.startedAt,
    verdict:
      summary.state === 'pending' && finished ? String(finished.data?.verdict) : summary.state,
    reason:
      lastReason ??
      summary.reason ??
      (summary.finished ? '' : 'the run has not finished (or died half-way)'),
    finished: summary.finished,
    looks,
    ...(bakeLooks.length || bakeReport || before
      ? {
          bake: {
            ...(bakeReport ?? {}),
            looks: bakeLooks,
            before: bakeReport?.before ?? figures(before as never),
          },
        }
      : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(intervalSec ? { intervalSec } : {}),
    timeline: entries
      .filter((e) => !NOT_ON_TIMELINE.has(e.type))
      .map((e) => ({
        at: e.at,
        elapsedMs: Date.parse(e.at) - start,
        event: e.step ? `${e.type} ${e.step}` : e.type,
        ...(describe(e) ? { detail: describe(e) } : {}),
      })),
    notifications,
    journalFile,
  };
}

function lookFrom(data: Record<string, unknown>): LookRecord {
  return {
    index: Number(data.index),
    kind: data.kind === 'final' ? 'final' : 'interval',
    elapsedSec: typeof data.elapsedSec === 'number' ? data.elapsedSec : Number.NaN,
    status: (data.status as LookRecord['status']) ?? 'insufficient',
    ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    health: (data.health as LookRecord['health']) ?? { ok: true, detail: '', failuresInRow: 0 },
    canary: (data.canary as TargetFigures | null) ?? null,
    ...(data.baseline !== undefined ? { baseline: data.baseline as TargetFigures | null } : {}),
    checks: Array.isArray(data.checks) ? (data.checks as LookRecord['checks']) : [],
    problems: Array.isArray(data.problems) ? (data.problems as string[]) : [],
  };
}

function thresholdsFromChecks(looks: LookRecord[]): RunView['thresholds'] | undefined {
  const limit = (name: string) =>
    looks.flatMap((l) => l.checks).find((c) => c.name === name && typeof c.limit === 'number')
      ?.limit;
  const maxErrorRate = limit('error-rate');
  const maxP99Ms = limit('p99');
  return maxErrorRate === undefined || maxP99Ms === undefined
    ? undefined
    : { maxErrorRate, maxP99Ms };
}

function figures(window: { requests: number; errors: number } | undefined): TargetFigures | null {
  if (!window) return null;
  return {
    requests: window.requests,
    errors: window.errors,
    errorRate: window.requests ? window.errors / window.requests : null,
    p99Ms: null,
  };
}

function describe(entry: JournalEntry): string {
  const data = entry.data ?? {};
  if (entry.type === 'transition') return `${data.from} -> ${data.to}`;
  for (const key of ['detail', 'reason', 'trigger', 'error', 'verdict']) {
    if (typeof data[key] === 'string') {
      const verdict =
        key !== 'verdict' && typeof data.verdict === 'string' ? `${data.verdict}: ` : '';
      return `${verdict}${data[key]}`;
    }
  }
  if (entry.type === 'run.started')
    return `${data.service} ${data.version} with the ${data.deployer} deployer`;
  if (entry.ok !== undefined) return entry.ok ? 'ok' : 'failed';
  return '';
}

function lastString(entries: JournalEntry[], types: string[], key: string): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (types.includes(e.type) && typeof e.data?.[key] === 'string') return e.data[key] as string;
  }
  return undefined;
}
