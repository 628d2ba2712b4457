/** Every kind of deployment event, in the order a deployment meets them; `info` is free-form. */
export const EVENT_TYPES = [
  'deploy.started',
  'deploy.succeeded',
  'deploy.failed',
  'rollback.started',
  'rollback.completed',
  'rollback.failed',
  'info',
] as const;

export type DeploymentEventType = (typeof EVENT_TYPES)[number];

/** One thing that happened to a deployment, as the canary runner (or `n1v1 notify`) reports it. */
export interface DeploymentEvent {
  type: DeploymentEventType;
  /** Service name, e.g. `n1v1`. */
  service: string;
  /** Environment name, e.g. `staging`. */
  environment: string;
  /** The version being deployed or rolled back. */
  version: string;
  /** Identifies the canary run (or CI run) the event belongs to. */
  runId: string;
  /** Why it happened, for failures and rollbacks: one or two sentences. */
  reason?: string;
  /** Extra facts shown as fields (at most what Discord's 25 fields leave room for). */
  details?: Record<string, string | number | boolean>;
  /** How long the step took, in milliseconds. */
  durationMs?: number;
  /** Link to the CI run (http or https). */
  url?: string;
  /** Free text shown as the message body. */
  message?: string;
  /** When it happened, ISO 8601. Default: the moment `send` was called. */
  timestamp?: string;
}
