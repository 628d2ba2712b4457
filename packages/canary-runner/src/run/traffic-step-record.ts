import type { RouteMatch } from '../config/config-types.js';

/** One weighted step of a run, as the report and the journal keep it. */
export interface TrafficStepRecord {
  /** 1-based; the promotion comes after the last step. */
  index: number;
  /** How many steps the run has (the promotion not counted). */
  of: number;
  kind: 'step' | 'promotion';
  weightPercent: number;
  match?: RouteMatch;
  holdSec: number;
  /** The step's own verdict; `pass` for a promotion that was set. */
  status: 'pass' | 'fail';
  reason?: string;
  startedAt: string;
  durationMs: number;
  /** Looks the monitor took during the step. */
  looks: number;
  /**
   * Requests each version answered through the router during the step, as the router
   * counted them (haproxy's per-server counters); absent for routers that cannot count.
   */
  routed?: { stable: number; canary: number; canarySharePercent: number | null };
}

/** The router's part of the report. */
export interface RouterReport {
  type: string;
  /** Where clients were sent (the haproxy frontend). */
  entryUrl?: string;
  /** The cut to 0 % that came before the rollback. */
  cut?: { ok: boolean; detail: string; at: string; durationMs: number };
}
