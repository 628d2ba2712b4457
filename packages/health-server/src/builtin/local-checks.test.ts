import { afterEach, describe, expect, it } from 'vitest';
import type { CheckDefinition } from '../checks/check-types.js';
import { eventLoopDelay } from './event-loop-delay-check.js';
import { fn } from './fn-check.js';
import { heapUsed } from './heap-used-check.js';

const opened: CheckDefinition[] = [];
afterEach(() => {
  for (const check of opened.splice(0)) check.close?.();
});

const run = (check: CheckDefinition) =>
  Promise.resolve(check.run({ signal: new AbortController().signal }));

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checks.eventLoopDelay', () => {
  it('fails when the loop was blocked longer than maxMs since the last run, then recovers', async () => {
    const check = eventLoopDelay({ maxMs: 150, resolutionMs: 5 });
    opened.push(check);
    await tick(30);
    blockFor(400);
    await tick(30);
    const blocked = await run(check);
    expect(blocked).toMatchObject({ status: 'fail', observedUnit: 'ms' });
    expect(blocked?.observedValue as number).toBeGreaterThan(150);
    expect(blocked?.output).toMatch(/^event loop blocked \d+ ms, above 150 ms$/);
    await tick(50);
    const after = await run(check);
    expect(after?.observedValue as number).toBeLessThan(blocked?.observedValue as number);
  });

  it('fails at once when the check runs right after a block, before any timer could fire', async () => {
    const check = eventLoopDelay({ maxMs: 150, resolutionMs: 5 });
    opened.push(check);
    await tick(20);
    blockFor(400);
    expect((await run(check))?.status).toBe('fail');
  });

  it('warns between warnMs and maxMs', async () => {
    const check = eventLoopDelay({ maxMs: 10_000, warnMs: 100, resolutionMs: 5 });
    opened.push(check);
    await tick(30);
    blockFor(300);
    await tick(30);
    expect((await run(check))?.status).toBe('warn');
  });

  it('reports 0 before any sample and requires maxMs', async () => {
    const check = eventLoopDelay({ maxMs: 1000, resolutionMs: 1000 });
    opened.push(check);
    expect(await run(check)).toEqual({ observedValue: 0, observedUnit: 'ms' });
    expect(() => eventLoopDelay({} as never)).toThrow(
      'checks.eventLoopDelay(): "maxMs" is required',
    );
    expect(() => eventLoopDelay(undefined as never)).toThrow('pass { maxMs }');
    expect(() => eventLoopDelay({ maxMs: 100, warnMs: 200 })).toThrow(
      '"warnMs" must be a number from 0 to 100',
    );
  });
});

describe('checks.heapUsed', () => {
  it('reports the used share of the heap limit in percent', async () => {
    const outcome = await run(heapUsed());
    expect(outcome).toMatchObject({ observedUnit: 'percent' });
    expect(outcome?.status).toBeUndefined();
  });

  it('warns and fails against a small limit', async () => {
    const used = process.memoryUsage().heapUsed;
    const roomy = heapUsed({ limitBytes: used * 2, warnPercent: 10, failPercent: 99 });
    expect((await run(roomy))?.status).toBe('warn');
    const failed = await run(heapUsed({ limitBytes: used / 2 }));
    expect(failed?.status).toBe('fail');
    expect(failed?.output).toMatch(/^heap \d+ MiB of \d+ MiB \([\d.]+ %\), above 90 %$/);
    expect(() => heapUsed({ warnPercent: 95, failPercent: 90 })).toThrow(
      '"warnPercent" must be a number from 0 to 90',
    );
  });
});

describe('checks.fn', () => {
  it('passes on nothing and true, fails on false, and keeps a returned outcome', async () => {
    expect(await run(fn(async () => {}))).toBeUndefined();
    expect(await run(fn(() => true))).toBeUndefined();
    expect(await run(fn(() => false))).toEqual({
      status: 'fail',
      output: 'the check returned false',
    });
    expect(await run(fn(() => ({ status: 'warn' })))).toEqual({ status: 'warn' });
  });

  it('judges a returned number against warnAbove and failAbove', async () => {
    const lag = (value: number) =>
      fn(() => value, {
        warnAbove: 100,
        failAbove: 1000,
        observedUnit: 'ms',
        componentType: 'datastore',
      });
    expect(lag(5).measurement).toBe('value');
    expect(lag(5).componentType).toBe('datastore');
    expect(await run(lag(5))).toEqual({ observedValue: 5, observedUnit: 'ms' });
    expect(await run(lag(500))).toMatchObject({ status: 'warn', output: '500 ms is above 100' });
    expect(await run(lag(5000))).toMatchObject({ status: 'fail', output: '5000 ms is above 1000' });
    expect(await run(fn(() => 7))).toEqual({ observedValue: 7 });
    expect(fn(() => 7).measurement).toBe('responseTime');
  });

  it('requires a function', () => {
    expect(() => fn('nope' as never)).toThrow('checks.fn(): pass an async function');
  });
});
