import type { DeploymentEvent } from './event.js';

/** How one sink fared with one event. `abandoned`: given up at a flush deadline. */
export type SinkStatus = 'delivered' | 'failed' | 'abandoned';

export interface SinkResult {
  status: SinkStatus;
  /** Requests made (0 for a sink that does not make requests or never got to). */
  attempts: number;
  /** For `failed` and `abandoned`: what went wrong, one redacted line. */
  error?: string;
}

export interface DeliveryContext {
  /** Aborted at a flush deadline: stop waiting, abort the request, resolve `abandoned`. */
  signal: AbortSignal;
}

/**
 * Where events go. The notifier hands a sink one event at a time, in send order, with
 * `timestamp` set; `deliver` should resolve (a rejection is recorded as `failed`).
 * Write your own to send anywhere else.
 */
export interface Sink {
  /** Short kind, e.g. `discord`, `console`, `webhook`. */
  readonly name: string;
  /** Where it sends, with every secret redacted: safe to print. */
  describe(): string;
  deliver(event: DeploymentEvent, context: DeliveryContext): Promise<SinkResult>;
}
