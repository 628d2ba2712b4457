import { NotifierError } from '../notifier-error.js';
import {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
  type DeliveryPolicyOptions,
} from './delivery-policy.js';

/** Fills in defaults and rejects a negative, fractional-where-whole or non-number option. */
export function resolvePolicy(options: DeliveryPolicyOptions = {}, label = 'sink'): DeliveryPolicy {
  // Only the policy's own keys: the options object also holds the webhook URL.
  const d = DEFAULT_DELIVERY_POLICY;
  const policy: DeliveryPolicy = {
    requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
    retries: options.retries ?? d.retries,
    backoff: {
      baseMs: options.backoff?.baseMs ?? d.backoff.baseMs,
      maxMs: options.backoff?.maxMs ?? d.backoff.maxMs,
    },
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? d.maxRateLimitWaitMs,
    maxRateLimitRetries: options.maxRateLimitRetries ?? d.maxRateLimitRetries,
    rateLimitOffsetMs: options.rateLimitOffsetMs ?? d.rateLimitOffsetMs,
  };
  const numbers: Array<[string, number, boolean]> = [
    ['requestTimeoutMs', policy.requestTimeoutMs, false],
    ['retries', policy.retries, true],
    ['maxRateLimitWaitMs', policy.maxRateLimitWaitMs, false],
    ['maxRateLimitRetries', policy.maxRateLimitRetries, true],
    ['rateLimitOffsetMs', policy.rateLimitOffsetMs, false],
    ['backoff.baseMs', policy.backoff.baseMs, false],
    ['backoff.maxMs', policy.backoff.maxMs, false],
  ];
  for (const [name, value, whole] of numbers) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new NotifierError('E_CONFIG_INVALID', `${label}: ${name} must be a number >= 0`);
    }
    if (whole && !Number.isInteger(value)) {
      throw new NotifierError('E_CONFIG_INVALID', `${label}: ${name} must be a whole number`);
    }
  }
  return policy;
}
