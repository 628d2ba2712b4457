import { describe, expect, it } from 'vitest';
import { describeNetworkError, postOnce } from './post-once.js';

describe('describeNetworkError', () => {
  it('names known socket errors by their code', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(describeNetworkError(error)).toBe('network error: connection reset (ECONNRESET)');
  });

  it('otherwise gives the cause or the error itself on one redacted line', () => {
    const cause = new Error('bad thing at https://discord.com/api/webhooks/1/secretTok\nline 2');
    expect(describeNetworkError(new TypeError('fetch failed', { cause }))).toBe(
      'network error: bad thing at https://discord.com/api/webhooks/1/*** line 2',
    );
    expect(describeNetworkError(new Error('plain'))).toBe('network error: plain');
    expect(describeNetworkError('odd')).toBe('network error: odd');
  });
});

describe('postOnce', () => {
  it('does not send when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      await postOnce({
        url: 'http://127.0.0.1:9/',
        body: '{}',
        timeoutMs: 10,
        signal: controller.signal,
      }),
    ).toEqual({ kind: 'aborted' });
  });
});
