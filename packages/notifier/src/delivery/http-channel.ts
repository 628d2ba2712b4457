import type { SinkResult } from '../sink.js';
import { backoffDelayMs } from './backoff.js';
import type { DeliveryPolicy } from './delivery-policy.js';
import { describeResponse } from './describe-response.js';
import { postOnce } from './post-once.js';
import { readRateLimitHeaders, readRetryAfter, retryAfterHeaderMs } from './rate-limit.js';
import { sleep, whenAborted } from './sleep.js';

/** Who a channel talks to, for messages and for limits that span a whole origin. */
export interface ChannelTarget {
  /** Safe to print, e.g. `discord webhook 123 (discord.com)`. */
  label: string;
  /** A 429 marked `global` blocks every channel of this origin. */
  origin: string;
  /** Answers after which the target is never tried again, with what they mean. */
  disableOn: Readonly<Record<number, string>>;
}

export interface ChannelRequest {
  /** Builds the URL at send time; it may hold a token, so it is never stored or printed. */
  url: () => string;
  body: string;
  headers?: Record<string, string>;
  policy: DeliveryPolicy;
  signal: AbortSignal;
}

// Until when (performance.now() ms) a global 429 blocks each origin.
const globalBlockedUntil = new Map<string, number>();

/**
 * One ordered queue to one HTTP endpoint (a Discord webhook): requests go one at a
 * time, never before the rate limit the server announced allows, 429s wait what they
 * say, 5xx and network errors retry with backoff, and a 401/404 disables the channel.
 */
export class HttpChannel {
  readonly target: ChannelTarget;
  #tail: Promise<void> = Promise.resolve();
  #blockedUntil = 0;
  #bucket: string | undefined;
  #disabled: string | undefined;

  constructor(target: ChannelTarget) {
    this.target = target;
  }

  /** Why the channel stopped sending, or undefined while it works. */
  get disabledReason(): string | undefined {
    return this.#disabled;
  }

  /** Delivers one body after every earlier one; resolves (never rejects) with the result. */
  async post(request: ChannelRequest): Promise<SinkResult> {
    const previous = this.#tail;
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.#tail = previous.then(() => mine);
    try {
      await Promise.race([previous, whenAborted(request.signal)]);
      if (request.signal.aborted) {
        return { status: 'abandoned', attempts: 0, error: 'deadline passed while queued' };
      }
      return await this.#deliver(request);
    } finally {
      release();
    }
  }

  async #deliver(request: ChannelRequest): Promise<SinkResult> {
    const { policy, signal } = request;
    let attempts = 0;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      if (this.#disabled) return { status: 'failed', attempts, error: this.#disabled };
      const waitMs = this.#waitMs();
      if (waitMs > policy.maxRateLimitWaitMs) {
        const bucket = this.#bucket ? ` (bucket ${this.#bucket})` : '';
        const error = `rate limited${bucket}: must wait ${seconds(waitMs)} s, more than maxRateLimitWaitMs (${seconds(policy.maxRateLimitWaitMs)} s)`;
        return { status: 'failed', attempts, error };
      }
      if (waitMs > 0 && !(await sleep(waitMs + policy.rateLimitOffsetMs, signal))) {
        return abandoned(attempts, 'deadline passed while waiting for the rate limit to reset');
      }
      attempts++;
      const result = await postOnce({
        url: request.url(),
        body: request.body,
        headers: request.headers,
        timeoutMs: policy.requestTimeoutMs,
        signal,
      });
      if (result.kind === 'aborted') return abandoned(attempts, 'deadline passed during a request');
      let lastError: string;
      let hintMs: number | undefined;
      if (result.kind === 'response') {
        this.#noteRateLimit(result.headers);
        const { status } = result;
        if (status >= 200 && status < 300) return { status: 'delivered', attempts };
        if (status === 429) {
          rateLimited++;
          this.#noteTooManyRequests(result.headers, result.body);
          if (rateLimited > policy.maxRateLimitRetries) {
            return {
              status: 'failed',
              attempts,
              error: `HTTP 429: still rate limited after ${rateLimited} waits`,
            };
          }
          continue;
        }
        lastError = describeResponse(status, result.body);
        const disable = this.target.disableOn[status];
        if (disable) {
          this.#disabled = `${lastError}: ${disable}; ${this.target.label} is disabled`;
          return { status: 'failed', attempts, error: this.#disabled };
        }
        if (status < 500) return { status: 'failed', attempts, error: lastError };
        hintMs = retryAfterHeaderMs(result.headers.get('retry-after'));
      } else {
        lastError =
          result.kind === 'timeout'
            ? `no answer within ${policy.requestTimeoutMs} ms`
            : result.error;
      }
      failures++;
      if (failures > policy.retries) {
        return {
          status: 'failed',
          attempts,
          error: `${lastError} (gave up after ${attempts} attempts)`,
        };
      }
      const delay = Math.max(backoffDelayMs(failures, policy.backoff), hintMs ?? 0);
      if (!(await sleep(Math.min(delay, policy.maxRateLimitWaitMs), signal))) {
        return abandoned(attempts, `deadline passed before a retry; last error: ${lastError}`);
      }
    }
  }

  #waitMs(): number {
    const global = globalBlockedUntil.get(this.target.origin) ?? 0;
    return Math.max(this.#blockedUntil, global) - performance.now();
  }

  #noteRateLimit(headers: Headers): void {
    const info = readRateLimitHeaders(headers);
    if (info.bucket) this.#bucket = info.bucket;
    if (info.remaining === 0 && info.resetAfterMs !== undefined) {
      this.#blockedUntil = Math.max(this.#blockedUntil, performance.now() + info.resetAfterMs);
    }
  }

  #noteTooManyRequests(headers: Headers, body: string): void {
    const retry = readRetryAfter(headers, body);
    const until = performance.now() + retry.waitMs;
    if (retry.global) {
      const origin = this.target.origin;
      globalBlockedUntil.set(origin, Math.max(globalBlockedUntil.get(origin) ?? 0, until));
    } else {
      this.#blockedUntil = Math.max(this.#blockedUntil, until);
    }
  }
}

function abandoned(attempts: number, error: string): SinkResult {
  return { status: 'abandoned', attempts, error };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

const channels = new Map<string, HttpChannel>();

/**
 * The process-wide channel for a key (a webhook), so that two sinks or two notifiers
 * posting to one webhook share its queue, its rate limit and its disabled state.
 */
export function sharedChannel(key: string, target: ChannelTarget): HttpChannel {
  let channel = channels.get(key);
  if (!channel) {
    channel = new HttpChannel(target);
    channels.set(key, channel);
  }
  return channel;
}
