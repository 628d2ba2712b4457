import { basename } from 'node:path';
import type { BakeBaseline } from '../bake/bake-types.js';
import type { DeployerConfig } from '../config/config-types.js';
import { type JournalEntry, listJournals, readJournal } from './journal.js';
import type { RunState } from './state-machine.js';

/** A run as its journal tells it. */
export interface RunSummary {
  runId: string;
  /** The journal file. */
  file: string;
  version: string;
  service: string;
  startedAt: string;
  /** pid of the process that ran it. */
  pid: number;
  deployer: string;
  /** The deployer config the run deployed with (its rollback uses the same). */
  deployerConfig?: DeployerConfig;
  /** The state directory key's seal of `deployerConfig`, written when the run started. */
  deployerConfigSeal?: string;
  /** Its latest state, including later manual rollbacks and promotions. */
  state: RunState;
  /** Whether the run wrote its `run.finished` line (false: it died half-way). */
  finished: boolean;
  /** Whether its deploy step started: only then is there anything to roll back. */
  deployStarted: boolean;
  reason?: string;
  /** What the deployer recorded (pids, previous image, ...), merged in order. */
  record: Record<string, unknown>;
  canaryUrl?: string;
  /** `promote` for a promotion's own journal (a production rollout); a canary run otherwise. */
  kind: 'canary' | 'promote';
  /** The bake after a promotion, as far as the journal tells it. */
  bake?: BakeState;
  /** What the run's traffic router recorded when it started (pid and socket of its haproxy, ...). */
  router?: Record<string, unknown>;
  /** The canary's weight the router last confirmed, in percent. */
  routerWeightPercent?: number;
  /** Whether the router was closed (its haproxy stopped). */
  routerClosed?: boolean;
}

/** Where a promotion's bake got to: what recovery needs to finish it. */
export interface BakeState {
  /** The promote step started (and whether it finished). */
  promoteStarted: boolean;
  promoteFinished: boolean;
  promoteOk?: boolean;
  /** The pre-rollout figures. */
  before?: BakeBaseline;
  /** When `bake.started` was written, epoch ms, and the window and interval it was started with. */
  startedAtMs?: number;
  durationSec?: number;
  intervalSec?: number;
  looks: number;
  /** A production rollback started (and whether it finished). */
  restoreStarted: boolean;
  restoreFinished: boolean;
  restoreTrigger?: string;
  /** `bake.finished` was written. */
  finished: boolean;
}

/** Folds one journal into a summary. */
export function summarizeRun(file: string, entries: JournalEntry[]): RunSummary | undefined {
  const started = entries.some((e) => e.type === 'run.started');
  const ran = entries.some((e) => ['transition', 'step.started', 'deploy.record'].includes(e.type));
  if (!started && !ran) return undefined;
  // A torn first line must not hide a dead run from recovery: without its `run.started` the
  // run is still there, named by its file, and counted as deployed (a rollback is idempotent;
  // skipping one that was needed is not).
  const start: Pick<JournalEntry, 'runId' | 'at' | 'data'> = entries.find(
    (e) => e.type === 'run.started',
  ) ?? {
    runId: basename(file, '.jsonl'),
    at: entries[0]!.at,
    data: { version: 'unknown', service: 'unknown', pid: 0, deployer: 'unknown' },
  };
  const data = start.data ?? {};
  const summary: RunSummary = {
    runId: String(start.runId),
    file,
    version: String(data.version),
    service: String(data.service),
    startedAt: start.at,
    pid: Number(data.pid),
    deployer: String(data.deployer),
    ...(data.deployerConfig ? { deployerConfig: data.deployerConfig as DeployerConfig } : {}),
    ...(typeof data.deployerConfigSeal === 'string'
      ? { deployerConfigSeal: data.deployerConfigSeal }
      : {}),
    state: 'pending',
    finished: false,
    deployStarted: !started,
    record: {},
    kind: data.kind === 'promote' ? 'promote' : 'canary',
  };
  // A promotion's journal always has a bake state, even one that died before its first step.
  if (summary.kind === 'promote') bakeOf(summary);
  for (const entry of entries) apply(summary, entry);
  return summary;
}

function apply(summary: RunSummary, entry: JournalEntry): void {
  const data = entry.data ?? {};
  switch (entry.type) {
    case 'transition':
      summary.state = data.to as RunState;
      break;
    case 'step.started':
      if (entry.step === 'deploy') summary.deployStarted = true;
      break;
    case 'deploy.record':
      summary.record = { ...summary.record, ...data };
      if (typeof data.canaryUrl === 'string') summary.canaryUrl = data.canaryUrl;
      break;
    case 'router.started':
      summary.router = data.record as Record<string, unknown>;
      summary.routerWeightPercent = 0;
      break;
    case 'traffic.weight':
    case 'traffic.cut':
      summary.routerWeightPercent = Number(data.weightPercent);
      break;
    case 'router.closed':
      summary.routerClosed = true;
      break;
    case 'run.finished':
      summary.finished = true;
      if (typeof data.reason === 'string') summary.reason = data.reason;
      break;
    case 'rollback.finished':
      summary.state = entry.ok ? 'rolled-back' : 'rollback-failed';
      break;
    case 'promote.finished':
      if (entry.ok) summary.state = 'promoted';
      bakeOf(summary).promoteFinished = true;
      bakeOf(summary).promoteOk = entry.ok === true;
      break;
    case 'bake.before':
      bakeOf(summary).before = data as unknown as BakeBaseline;
      break;
    case 'bake.started':
      bakeOf(summary).startedAtMs = Date.parse(entry.at);
      if (typeof data.durationSec === 'number') bakeOf(summary).durationSec = data.durationSec;
      if (typeof data.intervalSec === 'number') bakeOf(summary).intervalSec = data.intervalSec;
      break;
    case 'bake.look':
      bakeOf(summary).looks += 1;
      break;
    case 'restore.finished':
      summary.state = entry.ok ? 'rolled-back' : 'rollback-failed';
      bakeOf(summary).restoreFinished = true;
      break;
    case 'bake.finished':
      bakeOf(summary).finished = true;
      break;
  }
  if (entry.type === 'step.started' && entry.step === 'promote')
    bakeOf(summary).promoteStarted = true;
  if (entry.type === 'step.started' && entry.step === 'restore') {
    bakeOf(summary).restoreStarted = true;
    if (typeof data.trigger === 'string') bakeOf(summary).restoreTrigger = data.trigger;
  }
}

function bakeOf(summary: RunSummary): BakeState {
  summary.bake ??= {
    promoteStarted: false,
    promoteFinished: false,
    looks: 0,
    restoreStarted: false,
    restoreFinished: false,
    finished: false,
  };
  return summary.bake;
}

/** A promotion whose bake (or its rollback) was cut short: the next run must finish it. */
export function bakeUnfinished(run: RunSummary): boolean {
  const bake = run.bake;
  if (!bake) return false;
  if (bake.restoreStarted && !bake.restoreFinished) return true;
  if (bake.startedAtMs !== undefined && !bake.finished) return true;
  // A promotion's own journal that died before it was done.
  return run.kind === 'promote' && !run.finished;
}

/** Every run of an environment, oldest first. */
export function listRuns(stateDir: string, env: string): RunSummary[] {
  return listJournals(stateDir, env)
    .map((file) => summarizeRun(file, readJournal(file)))
    .filter((run): run is RunSummary => run !== undefined);
}
