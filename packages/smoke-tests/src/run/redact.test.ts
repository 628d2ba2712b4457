import { describe, expect, it } from 'vitest';
import { redactSecrets, secretHeaderValues } from './redact.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of a secret in strings, keys and nested arrays', () => {
    const report = {
      error: 'GET /health: HTTP 401: "bad token s3cr3t-t0ken"',
      details: { echoed: ['s3cr3t-t0ken', 42, null], 's3cr3t-t0ken': true },
    };
    expect(redactSecrets(report, ['s3cr3t-t0ken', undefined])).toEqual({
      error: 'GET /health: HTTP 401: "bad token ***"',
      details: { echoed: ['***', 42, null], '***': true },
    });
  });

  it('redacts the longest secret first and ignores secrets too short to be one', () => {
    expect(redactSecrets('Bearer abcdefgh and abcd', ['abcdefgh', 'Bearer abcdefgh', 'ab'])).toBe(
      '*** and abcd',
    );
    expect(redactSecrets({ a: 1 }, [])).toEqual({ a: 1 });
  });

  it('masks secret patterns too: a webhook URL the server echoed is never shown', () => {
    expect(redactSecrets('got https://hooks.slack.com/services/T0/B0/XYZ', [])).toBe(
      'got https://hooks.slack.com/services/***',
    );
  });
});

describe('secretHeaderValues', () => {
  it('picks the values of secret-looking headers and their long words', () => {
    expect(
      secretHeaderValues({
        'X-Api-Key': 'k-123456789',
        Accept: 'application/json',
        Authorization: 'Basic dXNlcjpwYXNz',
      }),
    ).toEqual(['k-123456789', 'k-123456789', 'Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz']);
    expect(secretHeaderValues(undefined)).toEqual([]);
  });
});
