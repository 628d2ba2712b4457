import { describe, expect, it } from 'vitest';
import { CachedCheck, MAX_ABANDONED_CALLS } from './cached-check.js';
import type { CheckSpec } from './check-spec.js';
import type { CheckResult } from './check-types.js';

function spec(run: CheckSpec['run'], overrides: Partial<CheckSpec> = {}): CheckSpec {
  return {
    name: 'db',
    kind: 'readiness',
    key: 'db:responseTime',
    run,
    timeoutMs: 1000,
    cacheMs: 0,
    critical: true,
    ...overrides,
  };
}

const same = (text: string) => text;

describe('CachedCheck', () => {
  it('shares one run among concurrent callers', async () => {
    let calls = 0;
    const check = new CachedCheck(
      spec(async () => {
        calls++;
      }),
      same,
      () => {},
    );
    const results = await Promise.all(Array.from({ length: 50 }, () => check.get()));
    expect(calls).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it('answers from the cache synchronously while fresh, and runs again after invalidate()', async () => {
    let calls = 0;
    const check = new CachedCheck(
      spec(
        () => {
          calls++;
        },
        { cacheMs: 60_000 },
      ),
      same,
      () => {},
    );
    const first = await check.get();
    expect(check.get()).toBe(first);
    check.invalidate();
    await check.get();
    expect(calls).toBe(2);
  });

  it('clears the in-flight run even when the run settles at once', async () => {
    let calls = 0;
    const check = new CachedCheck(
      spec(() => {
        calls++;
      }),
      same,
      () => {},
    );
    await check.get();
    await check.get();
    expect(calls).toBe(2);
  });

  it('tells the observer about every fresh result', async () => {
    const seen: CheckResult[] = [];
    const check = new CachedCheck(
      spec(() => ({ status: 'warn' })),
      same,
      (result) => seen.push(result),
    );
    await check.get();
    expect(seen.map((result) => result.status)).toEqual(['warn']);
  });

  it(`refuses to call again while ${MAX_ABANDONED_CALLS} timed-out calls are still running`, async () => {
    let calls = 0;
    const check = new CachedCheck(
      spec(
        () => {
          calls++;
          return new Promise(() => {});
        },
        { timeoutMs: 5 },
      ),
      same,
      () => {},
    );
    for (let i = 0; i < 4; i++) expect((await check.get()).timedOut).toBe(true);
    expect(calls).toBe(MAX_ABANDONED_CALLS);
  });
});
