import type { LookupFunction } from 'node:net';
import type { SmokeConfig } from './config/config-types.js';
import type { LoadOptions, LoadReport } from './load/load-types.js';
import type { SmokeProfileName } from './profiles/smoke-profiles.js';

/** The checks the suite knows by name (the names are part of the contract). */
export const BUILT_IN_CHECKS = [
  'health',
  'ready',
  'status',
  'trading',
  'resources',
  'load',
] as const;
export type BuiltInCheckName = (typeof BUILT_IN_CHECKS)[number];

/** How to verify the target's TLS certificate. Verification is on unless `insecure` is set. */
export interface TlsOptions {
  /** Skip TLS certificate verification. Default false. */
  insecure?: boolean;
  /** PEM text of extra CA certificates to trust (added to Node's bundled ones). */
  ca?: string;
}

/** Options of {@link runSmoke}. */
export interface SmokeOptions extends TlsOptions {
  /** Base URL of the service, e.g. `https://staging.example.com`; check paths are appended to its path. */
  url: string;
  /**
   * The contract to check: `n1v1` (default: the full N1V1 contract), `generic` (`/health`,
   * `/ready`, any 2xx passes), `kubernetes` (`/livez`, `/readyz`), `spring` (Actuator). Wins
   * over the config's `profile`.
   */
  profile?: SmokeProfileName;
  /** Endpoint paths, winning over the config's and the profile's (`--health-path`, ...). */
  paths?: { health?: string; ready?: string; status?: string; metrics?: string };
  /** Per-request timeout in ms (connect, headers and body). Default 5000, or the config's `timeoutMs`. */
  timeoutMs?: number;
  /** Before the checks, wait up to this long (ms) for the health path (`/health` in most profiles) to answer 2xx. Default 0: no wait. */
  waitMs?: number;
  /**
   * Deadline for the whole run in ms, wait included; checks still running then fail.
   * Default: the wait plus 120 000, plus the load's duration and 30 000 when load runs.
   */
  deadlineMs?: number;
  /** Extra headers on every request (after the config's). */
  headers?: Record<string, string>;
  /** Bearer token sent as `Authorization: Bearer <token>`; redacted from every report. */
  token?: string;
  /** Checks added, limits changed, checks skipped: see `schema/config.schema.json`. */
  config?: SmokeConfig;
  /** Also run the load check: `true` for the defaults, or options merged over the config's `load`. */
  load?: boolean | Partial<Omit<LoadOptions, 'url'>>;
  /** Called as the run goes: wait attempts, checks starting and ending, load ticks. */
  onProgress?: (event: ProgressEvent) => void;
  /** Aborts the run; checks still running fail and the report is returned. */
  signal?: AbortSignal;
  /** Name resolution for requests (Node's `dns.lookup` by default), e.g. for split-horizon DNS. */
  lookup?: LookupFunction;
}

/** What happened to one check. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** Wall time of the check in ms. */
  durationMs: number;
  /** One line for a failure or a skip: what was expected and what came back. */
  error?: string;
  /** Figures the check observed (HTTP status, version, memory, ...). */
  details?: Record<string, unknown>;
}

/** The report of {@link runSmoke}; `schema/report.schema.json` describes it. */
export interface SmokeReport {
  schemaVersion: 1;
  status: 'pass' | 'fail';
  /** The profile the checks followed. */
  profile: SmokeProfileName;
  /** The base URL checked, with any credentials redacted. */
  target: string;
  /** ISO 8601 time the run started. */
  startedAt: string;
  /** Wall time of the whole run in ms, wait and load included. */
  durationMs: number;
  /** How long the run waited for `/health` (only when a wait was asked for), in ms. */
  waitedMs?: number;
  summary: { total: number; passed: number; failed: number; skipped: number };
  checks: CheckResult[];
  /** The load run, when the load check ran. */
  load?: LoadReport;
}

/** Progress of a run, for a terminal display or logs. */
export type ProgressEvent =
  | { type: 'wait'; attempt: number; elapsedMs: number; reason: string }
  | { type: 'check-start'; name: string }
  | { type: 'check-end'; name: string; status: CheckResult['status']; durationMs: number }
  | {
      type: 'load-tick';
      elapsedSec: number;
      durationSec: number;
      requests: number;
      errors: number;
    };
