import { createRedactor } from '@n1v1/redact';
import { describe, expect, it } from 'vitest';
import { cleanOutput, describeFailure } from './describe-failure.js';

const redact = createRedactor(['exchange-key-0001']);

describe('redaction of check output', () => {
  it('masks what @n1v1/redact masks, the Slack webhook path included', () => {
    expect(cleanOutput('POST https://hooks.slack.com/services/T0/B0/XYZ failed', redact)).toBe(
      'POST https://hooks.slack.com/services/*** failed',
    );
    expect(describeFailure(new Error('key exchange-key-0001 refused'), redact)).toBe(
      'key *** refused',
    );
  });
});

describe('describeFailure', () => {
  it('keeps the first line of the message only', () => {
    expect(describeFailure(new Error('one\ntwo\n    at x (y.js:1:1)'), redact)).toBe('one');
  });

  it('adds the cause, and reads an empty AggregateError through its first error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(describeFailure(new AggregateError([refused], ''), redact)).toBe(
      'connect ECONNREFUSED ::1:5432',
    );
    expect(describeFailure(new Error('fetch failed', { cause: refused }), redact)).toBe(
      'fetch failed: connect ECONNREFUSED ::1:5432',
    );
    expect(describeFailure(Object.assign(new Error(''), { code: 'ETIMEDOUT' }), redact)).toBe(
      'ETIMEDOUT',
    );
  });

  it('describes thrown strings and non-errors', () => {
    expect(describeFailure('plain text', redact)).toBe('plain text');
    expect(describeFailure(42, redact)).toBe('check failed');
    expect(describeFailure(new Error(''), redact)).toBe('Error');
  });

  it('cuts long output to 300 characters', () => {
    const out = cleanOutput('x'.repeat(1000), redact);
    expect(out).toHaveLength(300);
    expect(out.endsWith('…')).toBe(true);
  });
});
