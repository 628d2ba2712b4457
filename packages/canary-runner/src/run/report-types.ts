import type { CheckResult, LookStatus } from '@n1v1/canary-analysis';
import type { AnalysisConfig, MonitorConfig, ThresholdsConfig } from '../config/config-types.js';
import type { TrafficStats } from '../traffic/synthetic-traffic.js';
import type { PlannedAction } from './planned-action.js';
import type { NotificationRecord } from './run-notifications.js';
import type { RouterReport, TrafficStepRecord } from './traffic-step-record.js';

/**
 * How a run ended. Passed (exit 0): `ready` (watched and healthy), `promoted` (and rolled
 * out), `planned` (a dry run). Failed (exit 1): `rolled-back`, or `failed` with --no-rollback.
 * A person must look (exit 3): `rollback-failed`, `unknown`.
 */
export type CanaryVerdict =
  | 'promoted'
  | 'ready'
  | 'planned'
  | 'rolled-back'
  | 'failed'
  | 'rollback-failed'
  | 'unknown';

/** One moment of the run. */
export interface TimelineEntry {
  at: string;
  /** Since the run started, in ms. */
  elapsedMs: number;
  /** `deploy.started`, `smoke.finished`, `look`, `rollback.started`, ... */
  event: string;
  detail?: string;
}

/** The figures of one target in one look. */
export interface TargetFigures {
  requests: number;
  errors: number;
  /** 0..1, null without requests. */
  errorRate: number | null;
  /** In ms, null without requests. */
  p99Ms: number | null;
}

/** One decision of the monitor: every interval, and once over the whole run at the end. */
export interface LookRecord {
  index: number;
  kind: 'interval' | 'final';
  /** Since monitoring started, in seconds. */
  elapsedSec: number;
  /** The judge's verdict so far, or `error` when the metrics or the deployer could not be read. */
  status: LookStatus | 'error';
  reason?: string;
  health: { ok: boolean; detail: string; failuresInRow: number };
  canary: TargetFigures | null;
  baseline?: TargetFigures | null;
  checks: CheckResult[];
  /** Sources that could not be read this time. */
  problems: string[];
  /** The traffic step it belongs to, in a run with `steps`. */
  step?: number;
}

/** The statistics the run judged with: enough to reproduce every decision. */
export interface RunStatistics {
  test: string;
  /** Significance of each baseline comparison: the budget split over `comparisonsPlanned`. */
  comparisonAlpha: number;
  comparisonsPlanned: number;
  /** Significance of each absolute-limit test: `absoluteAlpha` split over looks, windows and limits. */
  absoluteAlphaPerTest: number;
  /** Looks the run may take, the extension included. */
  looksPlanned: number;
  windowsPerLook: number;
  warmupSec: number;
  onInconclusive: AnalysisConfig['onInconclusive'];
  falseRollbackBudget: number;
  absoluteAlpha: number;
  minSamples: number;
  insufficientData: AnalysisConfig['insufficientData'];
  maxExtendSec: number;
  thresholds: ThresholdsConfig;
  monitor: MonitorConfig;
}

/** The one report of a run: what `--json` prints. */
export interface CanaryReport {
  schemaVersion: 1;
  runId: string;
  service: string;
  env: string;
  version: string;
  verdict: CanaryVerdict;
  /** True for `ready`, `promoted` and `planned`. */
  passed: boolean;
  /** Why it ended so, in one line. */
  reason: string;
  /** What the analysis decided, when the monitor ran: `inconclusive` is never promoted. */
  analysisOutcome?: 'pass' | 'fail' | 'inconclusive';
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  deployer: string;
  metricsSource: string;
  canaryUrl?: string;
  baselineUrl?: string;
  timeline: TimelineEntry[];
  looks: LookRecord[];
  statistics: RunStatistics;
  smoke?: { status: 'pass' | 'fail'; failed: Array<{ name: string; error?: string }> };
  traffic?: TrafficStats[];
  rollback?: { trigger: string; ok: boolean; detail: string; durationMs: number };
  promotion?: { ok: boolean; detail: string };
  /** Runs that had died half-way and were rolled back before this one started. */
  recovered: Array<{ runId: string; version: string; ok: boolean; detail: string }>;
  notifications: NotificationRecord[];
  /** The weighted steps, in a run with `steps`: each one's weight, verdict and routed share. */
  steps?: TrafficStepRecord[];
  /** The traffic router of a run with `steps`. */
  router?: RouterReport;
  /** The actions a dry run would take. */
  plan?: PlannedAction[];
  /** The journal file of the run. */
  journal?: string;
  /** The run's self-contained HTML report, beside the journal. */
  htmlReport?: string;
}

/** Live progress, for a terminal line or CI log lines. */
export type CanaryProgress =
  | { type: 'phase'; phase: string; elapsedMs: number; detail?: string }
  | { type: 'look'; look: LookRecord; elapsedMs: number; monitorSec: number }
  | { type: 'log'; message: string; elapsedMs: number };
