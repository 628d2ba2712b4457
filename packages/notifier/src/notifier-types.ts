import type { DeploymentEvent } from './event.js';
import type { Sink, SinkResult } from './sink.js';

/** How one sink fared with one event, and where that sink sends. */
export interface SinkDelivery extends SinkResult {
  /** `sink.describe()`: where it sends, redacted. */
  sink: string;
  /** From the moment the sink started on the event until it finished, in ms. */
  durationMs: number;
}

/** The final word on one event. */
export interface EventDelivery {
  /** The id `send` returned. */
  id: number;
  type: string;
  /** True when every sink delivered it. */
  delivered: boolean;
  sinks: SinkDelivery[];
}

/**
 * What `send` resolves to, as soon as the event is queued (it does not wait for delivery).
 * Fire and forget by ignoring it; await `delivery` to learn the outcome.
 */
export interface SendOutcome {
  /** Numbers events in send order, from 1. */
  id: number;
  /** `queued`: handed to every sink. `rejected`: the event was invalid and went nowhere. */
  status: 'queued' | 'rejected';
  /** For `rejected`: what was wrong with the event, one line. */
  error?: string;
  /** Settles (never rejects) once every sink is done with the event, or gave up at a flush deadline. */
  delivery: Promise<EventDelivery>;
}

export interface FlushOptions {
  /** Longest the flush waits, in ms; then pending deliveries are aborted. Default: the notifier's `flushTimeoutMs` (5000). */
  timeoutMs?: number;
}

/** One event that did not reach one sink. */
export interface DeliveryFailure {
  id: number;
  type: string;
  /** The sink's description, or `notifier` for an event rejected as invalid. */
  sink: string;
  status: 'failed' | 'abandoned' | 'rejected';
  /** Why, one redacted line. */
  error: string;
}

/** What a flush found for the events sent since the previous flush. */
export interface FlushReport {
  /** True when every one of those events reached every sink. */
  ok: boolean;
  /** Events that reached every sink. */
  delivered: number;
  /** Events that missed at least one sink (failed, abandoned at the deadline, or rejected). */
  undelivered: number;
  /** True when the deadline passed with deliveries pending (they were aborted). */
  timedOut: boolean;
  /** How long the flush took, in ms. */
  durationMs: number;
  failures: DeliveryFailure[];
}

export interface Notifier {
  /**
   * Queues the event for every sink and resolves at once with its id and status; never
   * throws or rejects, never waits for delivery. Each sink gets events in send order.
   */
  send(event: DeploymentEvent): Promise<SendOutcome>;
  /**
   * Waits until every event sent before the call is delivered or failed, at most
   * `timeoutMs`; at the deadline it aborts what is still pending (in-flight requests
   * included) and reports it as abandoned. Never rejects. The notifier stays usable.
   */
  flush(options?: FlushOptions): Promise<FlushReport>;
  readonly sinks: readonly Sink[];
  /** Where events go, one redacted line per sink. */
  describe(): string[];
}

export interface NotifierOptions {
  /** Deadline of `flush()` without a `timeoutMs`, in ms. Default 5000. */
  flushTimeoutMs?: number;
}
