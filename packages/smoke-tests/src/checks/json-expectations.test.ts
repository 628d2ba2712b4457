import { describe, expect, it } from 'vitest';
import { unmetExpectation, valueAt } from './json-expectations.js';

const body = {
  status: 'pass',
  version: '1.4.2',
  trading: { enabled: true, venues: ['paper'], marketDataAgeMs: 120 },
};

describe('valueAt', () => {
  it('follows dotted paths through objects and arrays', () => {
    expect(valueAt(body, 'trading.venues.0')).toBe('paper');
    expect(valueAt(body, 'trading.missing.deeper')).toBeUndefined();
    expect(valueAt(body, 'status.length')).toBeUndefined();
  });
});

describe('unmetExpectation', () => {
  it('is undefined when every expectation holds', () => {
    expect(
      unmetExpectation(body, [
        { path: 'status', in: ['pass', 'warn'] },
        { path: 'trading.enabled', equals: true },
        { path: 'version', matches: '^\\d+\\.\\d+' },
        { path: 'trading.marketDataAgeMs', lt: 1000, gte: 0 },
        { path: 'trading.venues', exists: true, equals: ['paper'] },
        { path: 'error', exists: false },
      ]),
    ).toBeUndefined();
  });

  it('names the field, what was expected and what came back', () => {
    expect(unmetExpectation(body, [{ path: 'status', equals: 'warn' }])).toBe(
      'expected status to equal "warn", got "pass"',
    );
    expect(unmetExpectation(body, [{ path: 'status', in: ['fail'] }])).toBe(
      'expected status to be one of "fail", got "pass"',
    );
    expect(unmetExpectation(body, [{ path: 'commit', exists: true }])).toBe(
      'expected commit to exist, got nothing',
    );
    expect(unmetExpectation(body, [{ path: 'version', exists: false }])).toBe(
      'expected version to be absent, got "1.4.2"',
    );
    expect(unmetExpectation(body, [{ path: 'trading.enabled', matches: 'x' }])).toBe(
      'expected trading.enabled to match /x/, got true',
    );
    expect(unmetExpectation(body, [{ path: 'trading.marketDataAgeMs', lt: 100 }])).toBe(
      'expected trading.marketDataAgeMs < 100, got 120',
    );
    expect(unmetExpectation(body, [{ path: 'trading.marketDataAgeMs', gt: 500 }])).toBe(
      'expected trading.marketDataAgeMs > 500, got 120',
    );
    expect(unmetExpectation(body, [{ path: 'version', lte: 2 }])).toBe(
      'expected version <= 2, got "1.4.2"',
    );
  });

  it('cuts long values short', () => {
    const line = unmetExpectation({ a: 'x'.repeat(200) }, [{ path: 'a', equals: 'y' }]);
    expect(line!.length).toBeLessThan(120);
  });
});
