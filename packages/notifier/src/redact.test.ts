import { describe, expect, it } from 'vitest';
import { REDACTED, redact, rememberSecret } from './redact.js';

describe('redact', () => {
  it('masks the token of Discord webhook URLs on every host and API version', () => {
    for (const url of [
      'https://discord.com/api/webhooks/123456789012345678/abcDEF_123-xyz',
      'https://discordapp.com/api/v10/webhooks/1/abcDEF_123-xyz?wait=true',
      'https://canary.discord.com/api/webhooks/1/abcDEF_123-xyz/slack',
    ]) {
      const out = redact(`POST ${url} failed`);
      expect(out).not.toContain('abcDEF_123-xyz');
      expect(out).toContain(`/webhooks/`);
      expect(out).toContain(REDACTED);
    }
    expect(redact('see https://discord.com/api/webhooks/42/tok.en-1?wait=true')).toBe(
      'see https://discord.com/api/webhooks/42/***?wait=true',
    );
  });

  it('masks bearer tokens, Authorization headers and token-like query parameters', () => {
    expect(redact('Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.sig')).toBe(
      'Authorization: Bearer ***',
    );
    expect(redact('authorization=Bot MTk4NjIyNDgzNDcxOTI1MjQ4')).toBe('authorization=Bot ***');
    expect(redact('curl -H "bearer abcdefgh12345678"')).toBe('curl -H "bearer ***"');
    expect(redact('https://x.example/cb?token=abc123&access_token=zz9&api_key=k1&page=2')).toBe(
      'https://x.example/cb?token=***&access_token=***&api_key=***&page=2',
    );
    expect(redact('SECRET=hunter2 password=letmein')).toBe('SECRET=*** password=***');
  });

  it('masks JSON properties named like secrets, URL passwords and Slack webhook paths', () => {
    expect(redact('{"token":"abc","name":"n1v1","client_secret":"xyz"}')).toBe(
      '{"token":"***","name":"n1v1","client_secret":"***"}',
    );
    expect(redact('https://deploy:pa55w0rd@registry.example/v2')).toBe(
      'https://***@registry.example/v2',
    );
    expect(redact('https://hooks.slack.com/services/T000/B000/XXXXXXXX')).toBe(
      'https://hooks.slack.com/services/***',
    );
  });

  it('masks a remembered secret wherever it appears, even outside a URL', () => {
    rememberSecret('rememberedSecretValue42');
    expect(redact('the value rememberedSecretValue42 leaked')).toBe('the value *** leaked');
    rememberSecret('short');
    expect(redact('a short word')).toBe('a short word');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Deploy failed: n1v1 1.4.2 on staging (error rate 12% > 5%), see /api/v1/status';
    expect(redact(text)).toBe(text);
  });
});
