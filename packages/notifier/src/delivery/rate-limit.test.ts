import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_AFTER_MS,
  readRateLimitHeaders,
  readRetryAfter,
  retryAfterHeaderMs,
} from './rate-limit.js';

describe('readRateLimitHeaders', () => {
  it("reads Discord's X-RateLimit headers, preferring Reset-After to Reset", () => {
    const headers = new Headers({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': '1.234',
      'x-ratelimit-reset': '1000',
      'x-ratelimit-bucket': 'abcd1234',
    });
    expect(readRateLimitHeaders(headers, 0)).toEqual({
      remaining: 0,
      resetAfterMs: 1234,
      bucket: 'abcd1234',
    });
  });

  it('falls back to X-RateLimit-Reset (epoch seconds) and ignores junk', () => {
    expect(readRateLimitHeaders(new Headers({ 'x-ratelimit-reset': '1000.5' }), 999_000)).toEqual({
      resetAfterMs: 1500,
    });
    expect(
      readRateLimitHeaders(
        new Headers({ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset-after': '-1' }),
      ),
    ).toEqual({});
  });
});

describe('readRetryAfter', () => {
  it('takes retry_after (float seconds) and global from the body first', () => {
    const headers = new Headers({ 'retry-after': '9' });
    expect(readRetryAfter(headers, '{"retry_after":0.372,"global":true}')).toEqual({
      waitMs: 372,
      global: true,
    });
  });

  it('falls back to the Retry-After header, X-RateLimit-Global, then a default', () => {
    expect(
      readRetryAfter(new Headers({ 'retry-after': '2', 'x-ratelimit-global': 'true' }), 'not json'),
    ).toEqual({ waitMs: 2000, global: true });
    expect(readRetryAfter(new Headers(), '{}')).toEqual({
      waitMs: DEFAULT_RETRY_AFTER_MS,
      global: false,
    });
  });
});

describe('retryAfterHeaderMs', () => {
  it('reads delta seconds or an HTTP date', () => {
    expect(retryAfterHeaderMs('1.5')).toBe(1500);
    expect(retryAfterHeaderMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(retryAfterHeaderMs('Thu, 01 Jan 1970 00:00:10 GMT', 20_000)).toBe(0);
    expect(retryAfterHeaderMs('soon')).toBeUndefined();
    expect(retryAfterHeaderMs(null)).toBeUndefined();
    expect(retryAfterHeaderMs(' ')).toBeUndefined();
  });
});
