/** One action a run would take, as `--dry-run` prints it. Secrets are redacted. */
export interface PlannedAction {
  /** The run step it belongs to: deploy, smoke, monitor, rollback, promote, notify. */
  step: string;
  kind: 'process' | 'command' | 'http' | 'kubernetes' | 'promql' | 'notification' | 'smoke';
  /** One line: what would be done. */
  summary: string;
  /** The exact payload: a patch body, a query, a notification body. */
  detail?: unknown;
}
