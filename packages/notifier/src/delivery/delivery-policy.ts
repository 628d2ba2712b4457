import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';

/** How hard an HTTP sink tries. Every field has a default; all times in ms. */
export interface DeliveryPolicy {
  /** Longest one request may take before it is aborted and counted as a failure. Default 10 000. */
  requestTimeoutMs: number;
  /** Retries after a 5xx, a timeout or a network error (not after other 4xx). Default 5. */
  retries: number;
  /** Delay between those retries: exponential with jitter. Default 250 ms doubling to 5 s. */
  backoff: BackoffOptions;
  /** A rate-limit wait longer than this fails the event instead of holding the queue. Default 60 000. */
  maxRateLimitWaitMs: number;
  /** 429 answers tolerated for one event before it fails. Default 10. */
  maxRateLimitRetries: number;
  /** Added to every rate-limit wait so that clock granularity never makes a request early. Default 50. */
  rateLimitOffsetMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  requestTimeoutMs: 10_000,
  retries: 5,
  backoff: DEFAULT_BACKOFF,
  maxRateLimitWaitMs: 60_000,
  maxRateLimitRetries: 10,
  rateLimitOffsetMs: 50,
};

/** Options as users pass them: any subset, `backoff` partial too. */
export type DeliveryPolicyOptions = Partial<Omit<DeliveryPolicy, 'backoff'>> & {
  backoff?: Partial<BackoffOptions>;
};
