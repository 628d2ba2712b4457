import { describe, expect, it } from 'vitest';
import { sleep, whenAborted } from './sleep.js';

describe('sleep', () => {
  it('resolves true after the time and at once for no time', async () => {
    expect(await sleep(5)).toBe(true);
    expect(await sleep(0)).toBe(true);
  });

  it('resolves false as soon as the signal aborts, or at once when it already has', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await sleep(60_000, controller.signal)).toBe(false);
    await whenAborted(controller.signal);
  });
});
