import { describe, expect, it } from 'vitest';
import type { CheckSpec } from './check-spec.js';
import { runCheck } from './run-check.js';

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

const redact = (text: string) => text.replace('hunter2', '***');
const ignore = () => {};

describe('runCheck', () => {
  it('passes a check that resolves with nothing and reports its duration in ms', async () => {
    const result = await runCheck(
      spec(async () => {}),
      redact,
      ignore,
    );
    expect(result).toMatchObject({
      name: 'db',
      kind: 'readiness',
      key: 'db:responseTime',
      status: 'pass',
      observedUnit: 'ms',
      timedOut: false,
    });
    expect(typeof result.observedValue).toBe('number');
    expect(Date.parse(result.time)).not.toBeNaN();
  });

  it('keeps what a check returns, with its output cleaned', async () => {
    const result = await runCheck(
      spec(() => ({
        status: 'warn',
        observedValue: 97,
        observedUnit: 'percent',
        output: 'disk hunter2\nmore',
        componentType: 'system',
      })),
      redact,
      ignore,
    );
    expect(result).toMatchObject({
      status: 'warn',
      observedValue: 97,
      observedUnit: 'percent',
      output: 'disk ***',
      componentType: 'system',
    });
  });

  it('treats an unknown status as pass and a non-object result as nothing', async () => {
    expect(
      (
        await runCheck(
          spec(() => ({ status: 'great' as 'pass' })),
          redact,
          ignore,
        )
      ).status,
    ).toBe('pass');
    expect(
      (
        await runCheck(
          spec(() => 'yes' as never),
          redact,
          ignore,
        )
      ).status,
    ).toBe('pass');
    const unitless = await runCheck(
      spec(() => ({ observedValue: 3, output: 42 as unknown as string })),
      redact,
      ignore,
    );
    expect(unitless).not.toHaveProperty('observedUnit');
    expect(unitless).not.toHaveProperty('output');
  });

  it('fails a check that throws synchronously or rejects', async () => {
    expect(
      await runCheck(
        spec(() => {
          throw new Error('sync hunter2');
        }),
        redact,
        ignore,
      ),
    ).toMatchObject({ status: 'fail', output: 'sync ***' });
    expect(
      await runCheck(
        spec(() => Promise.reject(new Error('async'))),
        redact,
        ignore,
      ),
    ).toMatchObject({ status: 'fail', output: 'async' });
  });

  it('fails a hung check at its timeout, aborts its signal and hands over the lingering call', async () => {
    let signal: AbortSignal | undefined;
    const abandoned: Array<Promise<unknown>> = [];
    const result = await runCheck(
      spec(
        ({ signal: s }) => {
          signal = s;
          return new Promise(() => {});
        },
        { timeoutMs: 20 },
      ),
      redact,
      (call) => abandoned.push(call),
    );
    expect(result).toMatchObject({
      status: 'fail',
      output: 'timed out after 20 ms',
      timedOut: true,
    });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({
      code: 'E_CHECK_TIMEOUT',
      message: 'db timed out after 20 ms',
    });
    expect(abandoned).toHaveLength(1);
  });
});
