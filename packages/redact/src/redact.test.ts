import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, Redactor, redact, secretsFromEnv } from './index.js';

describe('redact', () => {
  it.each([
    // Webhooks
    [
      'POST https://discord.com/api/webhooks/123456789012345678/abcDEF_123-xyz failed',
      'POST https://discord.com/api/webhooks/123456789012345678/*** failed',
    ],
    [
      'https://discordapp.com/api/v10/webhooks/1/tok.en-1?wait=true',
      'https://discordapp.com/api/v10/webhooks/1/***?wait=true',
    ],
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'https://hooks.slack.com/services/***'],
    ['https://hooks.slack.com/workflows/T0/A0/123/abcdef', 'https://hooks.slack.com/workflows/***'],
    // URL userinfo
    ['postgres://app:hunter22@db:5432/n1v1', 'postgres://***@db:5432/n1v1'],
    ['git clone https://ghp_abcdef123456@github.com/x/y', 'git clone https://***@github.com/x/y'],
    // Authorization, bearer, basic, token
    ['Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.sig', 'Authorization: Bearer ***'],
    ['authorization=Bot MTk4NjIyNDgzNDcxOTI1MjQ4', 'authorization=Bot ***'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic ***'],
    ['curl -H "bearer abcdefgh12345678"', 'curl -H "bearer ***"'],
    ['sent basic dXNlcjpwYXNz', 'sent basic ***'],
    ['token abcdefgh12345 rejected', 'token *** rejected'],
    // name=value and name: value
    ['password: hunter2hunter2', 'password: ***'],
    ['key=abcd1234efgh', 'key=***'],
    [
      'https://x.example/cb?token=abc123&access_token=zz9&api_key=k1&page=2',
      'https://x.example/cb?token=***&access_token=***&api_key=***&page=2',
    ],
    ['SECRET=hunter2 DB_PASSWORD=letmein', 'SECRET=*** DB_PASSWORD=***'],
    ['password="p@ss w0rd" rejected', 'password="***" rejected'],
    [
      '{"token":"abc","name":"n1v1","client_secret":"x\\"yz"}',
      '{"token":"***","name":"n1v1","client_secret":"***"}',
    ],
  ])('masks %j as %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'Deploy failed: n1v1 1.4.2 on staging (error rate 12% > 5%), see /api/v1/status',
    'basic setup finished; token expired; the key decision',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'https://n1v1.example/api/v1/status?page=2',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('keeps a JSON document valid when a string inside it carries a quoted credential', () => {
    const doc = JSON.stringify({ line: 'curl -H "Authorization: Bearer abcdef123456"' });
    const out = redact(doc);
    expect(JSON.parse(out)).toEqual({ line: 'curl -H "Authorization: Bearer ***"' });
  });
});

describe('Redactor', () => {
  it('masks every known secret wherever it appears, longest first, raw and URL-encoded', () => {
    const redactor = new Redactor(['sekrit-value-1', 'sekrit-value-1-longer', 'short', undefined]);
    expect(redactor.text('a sekrit-value-1-longer and sekrit-value-1')).toBe('a *** and ***');
    expect(redactor.text('q=sekrit-value-1-longer')).toBe('q=***');
    redactor.add('with space&=');
    expect(redactor.text(`x?v=${encodeURIComponent('with space&=')}`)).toBe('x?v=***');
    expect(redactor.text('a short word')).toBe('a short word');
    expect(createRedactor(['abcdef-123'])('it was abcdef-123')).toBe('it was ***');
  });

  it('redacts a document deeply: strings, keys and whole values of secret fields', () => {
    const redactor = new Redactor(['run-secret-42']);
    const doc = {
      reason: 'script said run-secret-42',
      list: ['https://discord.com/api/webhooks/1/abcdef', 7, null],
      nested: { webhookUrl: 'anything', password: 'pw', count: 3, ok: true },
      'run-secret-42': 'key',
      when: new Date(0),
    };
    expect(redactor.deep(doc)).toEqual({
      reason: 'script said ***',
      list: ['https://discord.com/api/webhooks/1/***', 7, null],
      nested: { webhookUrl: REDACTED, password: REDACTED, count: 3, ok: true },
      '***': 'key',
      when: new Date(0),
    });
  });
});

describe('secretsFromEnv', () => {
  it('takes values of secret-named variables that are long enough, and only those', () => {
    expect(
      secretsFromEnv({
        DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x',
        DB_PASSWORD: 'longenough',
        API_TOKEN: 'short',
        PWD: '/home/someone-long',
        HOME: '/home/someone-long',
        UNSET_TOKEN: undefined,
      }),
    ).toEqual(['https://discord.com/api/webhooks/1/x', 'longenough']);
  });
});
