import type { BakeReport } from '../bake/bake-types.js';
import type { PlannedAction } from './planned-action.js';
import type { RecoveredRun } from './recover-runs.js';
import type { NotificationRecord } from './run-notifications.js';

/** What `promote` and `rollback` report. */
export interface ManualReport {
  schemaVersion: 1;
  action: 'promote' | 'rollback';
  env: string;
  /**
   * `rolled-back`/`promoted`: done (for promote, `rolled-back` means its bake found a
   * regression and production runs the previous version again: exit 1). `nothing-to-do`: no canary to roll back (a rollback is
   * idempotent, so that is success). `rollback-failed`/`promote-failed`: a person must look.
   * `planned`: a dry run.
   */
  outcome:
    | 'rolled-back'
    | 'promoted'
    | 'nothing-to-do'
    | 'rollback-failed'
    | 'promote-failed'
    | 'planned';
  ok: boolean;
  /** The canary run acted on. */
  runId?: string;
  version?: string;
  detail: string;
  durationMs: number;
  recovered: RecoveredRun[];
  notifications: NotificationRecord[];
  plan?: PlannedAction[];
  /** The bake after a promotion. */
  bake?: BakeReport;
  /** The journal the action wrote to. */
  journal?: string;
  /** The run's self-contained HTML report, beside the journal. */
  htmlReport?: string;
}
