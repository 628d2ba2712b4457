import type { TargetWindow } from '@n1v1/canary-analysis';
import type { LookRecord, TargetFigures } from '../run/report-types.js';

/**
 * How a bake ended. `passed`: production stayed as good as before the rollout for the whole
 * window. `rolled-back`: a regression, and the previous version is the stable one again.
 * `rollback-failed`: a regression that could not be undone: a person must look. `skipped`:
 * `--no-bake` or `bake.enabled: false`.
 */
export type BakeVerdict = 'passed' | 'rolled-back' | 'rollback-failed' | 'skipped';

/** The figures production is held to: the same service just before the rollout. */
export interface BakeBaseline {
  /** Where they were read; absent when nothing answered before the rollout (a first rollout). */
  url?: string;
  /** The pre-rollout window, null when it could not be read. */
  window: TargetWindow | null;
  /** Why there is no window. */
  problem?: string;
  /** How long it was measured, in seconds. */
  measuredSec: number;
}

/** What the bake did, in the promote report. */
export interface BakeReport {
  verdict: BakeVerdict;
  reason: string;
  /** The window, in seconds, and the time between looks. */
  durationSec: number;
  intervalSec: number;
  /** Where production was watched. */
  url?: string;
  before: TargetFigures | null;
  looks: LookRecord[];
  /** The production rollback after a regression. */
  restore?: { trigger: string; ok: boolean; detail: string; durationMs: number };
}
