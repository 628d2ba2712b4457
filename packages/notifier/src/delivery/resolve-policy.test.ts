import { describe, expect, it } from 'vitest';
import { NotifierError } from '../notifier-error.js';
import { DEFAULT_DELIVERY_POLICY } from './delivery-policy.js';
import { resolvePolicy } from './resolve-policy.js';

describe('resolvePolicy', () => {
  it('fills in defaults and keeps only policy keys', () => {
    expect(resolvePolicy()).toEqual(DEFAULT_DELIVERY_POLICY);
    const policy = resolvePolicy({ retries: 1, backoff: { baseMs: 5 }, webhookUrl: 'x' } as never);
    expect(policy).toEqual({
      ...DEFAULT_DELIVERY_POLICY,
      retries: 1,
      backoff: { baseMs: 5, maxMs: 5000 },
    });
    expect(Object.keys(policy)).not.toContain('webhookUrl');
  });

  it('rejects negative, non-finite and fractional counts, naming the option', () => {
    expect(() => resolvePolicy({ requestTimeoutMs: -1 }, 'discord')).toThrow(
      'discord: requestTimeoutMs must be a number >= 0',
    );
    expect(() => resolvePolicy({ backoff: { maxMs: Number.NaN } })).toThrow(
      'sink: backoff.maxMs must be a number >= 0',
    );
    expect(() => resolvePolicy({ retries: 1.5 })).toThrow(NotifierError);
    expect(() => resolvePolicy({ retries: '3' as never })).toThrow(
      'sink: retries must be a number >= 0',
    );
  });
});
