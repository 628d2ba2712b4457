import type { PlannedAction } from '../run/planned-action.js';

/** What a deployer is told about the run it works for. */
export interface DeployContext {
  env: string;
  service: string;
  version: string;
  runId: string;
  cwd: string;
  stateDir: string;
  /** Aborted on SIGINT/SIGTERM or a step timeout: stop waiting. */
  signal: AbortSignal;
  /**
   * Writes deployer state to the journal at once (a pid right after spawn, the image before
   * the patch), so that a run that dies half-way can still be rolled back by the next one.
   */
  record(data: Record<string, unknown>): void;
  /** Captured output and progress lines, kept in the journal. */
  log(line: string): void;
  /**
   * A bake follows this promote: keep what it replaces able to serve again at once (the local
   * deployer leaves the old stable process running) until `settle` or `restore`.
   */
  keepPrevious?: boolean;
}

/** What a deploy gives the rest of the run. */
export interface DeployResult {
  /** Where the canary answers, when the deployer knows. */
  canaryUrl?: string;
  /** Where the stable version answers, when the deployer knows. */
  baselineUrl?: string;
}

/** The canary's state according to its deployer, checked every interval. */
export interface DeployerStatus {
  healthy: boolean;
  detail: string;
}

/**
 * The one interface of the `local`, `command` and `kubernetes` deployers. `record` is what
 * the deploy recorded through `ctx.record`, read back from the journal, so rollback works
 * for a run started by another process.
 */
export interface Deployer {
  readonly type: 'local' | 'command' | 'kubernetes';
  /**
   * Loads what the deployer needs (the Kubernetes client is imported only here or on the first
   * step). `plan` may be called only after it resolved; the other steps load by themselves.
   */
  prepare?(): Promise<void>;
  /** The actions of a step, for `--dry-run`. Takes none. */
  plan(step: 'deploy' | 'rollback' | 'promote', ctx: DeployContext): PlannedAction[];
  deploy(ctx: DeployContext): Promise<DeployResult>;
  status(ctx: DeployContext, record: Record<string, unknown>): Promise<DeployerStatus>;
  /** Removes the canary. Idempotent: rolling back twice, or nothing, succeeds. */
  rollback(ctx: DeployContext, record: Record<string, unknown>): Promise<string>;
  /** Makes the version the stable one; `record` is the passed canary's, when there is one. */
  promote(ctx: DeployContext, record: Record<string, unknown> | undefined): Promise<string>;
  /**
   * Undoes a promote whose bake found a regression: the version it replaced is the stable one
   * again. `record` is what the promote recorded (`previousVersion`, the old stable's image or
   * process). Safe to run twice.
   */
  restore(ctx: DeployContext, record: Record<string, unknown>): Promise<string>;
  /** The bake passed: lets go of what `restore` would have needed (the old stable process). */
  settle?(ctx: DeployContext, record: Record<string, unknown>): Promise<string>;
  /** Where the environment's stable version answers now, when the deployer knows. */
  stableUrl?(ctx: DeployContext): string | undefined;
  /** Stops what a run started when nothing is meant to outlive it (local `keepRunning: false`). */
  release?(ctx: DeployContext, record: Record<string, unknown>): Promise<void>;
}
