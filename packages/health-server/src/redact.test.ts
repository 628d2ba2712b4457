import { describe, expect, it } from 'vitest';
import { cleanOutput, createRedactor, describeFailure, secretsFromEnv } from './redact.js';

const redact = createRedactor(['exchange-key-0001']);

describe('redaction', () => {
  it.each([
    ['postgres://app:hunter22@db:5432/n1v1', 'postgres://[redacted]@db:5432/n1v1'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc', 'Authorization: Bearer [redacted]'],
    ['GET /x?api_key=12345678&page=2', 'GET /x?api_key=[redacted]&page=2'],
    ['password="p@ss w0rd" rejected', 'password=[redacted] rejected'],
    ["{'api_key': 'abc def'}", "{'api_key': [redacted]}"],
    ['secret: topsecret', 'secret: [redacted]'],
    [
      'https://discord.com/api/webhooks/123456/AbC-dEf_gh',
      'https://discord.com/api/webhooks/123456/[redacted]',
    ],
    ['key exchange-key-0001 refused', 'key [redacted] refused'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'connect ECONNREFUSED 127.0.0.1:5432'],
  ])('turns %j into %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('takes long values of secret-named environment variables, and only those', () => {
    expect(
      secretsFromEnv({
        DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x',
        DB_PASSWORD: 'longenough',
        API_TOKEN: 'short',
        HOME: '/home/someone-long',
      }),
    ).toEqual(['https://discord.com/api/webhooks/1/x', 'longenough']);
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
