import { describe, expect, it } from 'vitest';
import { CanaryError } from '../canary-error.js';
import { interrupted, sleep } from './sleep.js';
import { withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('returns the step result when it finishes in time', async () => {
    await expect(withTimeout('deploy', 1000, undefined, async () => 42)).resolves.toBe(42);
  });

  it('rejects with E_TIMEOUT naming the step, and aborts the step signal', async () => {
    let stepSignal: AbortSignal | undefined;
    const error = await withTimeout('deploy', 50, undefined, (signal) => {
      stepSignal = signal;
      return new Promise(() => {});
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect(error).toMatchObject({ code: 'E_TIMEOUT', message: 'deploy timed out after 50 ms' });
    expect(stepSignal?.aborted).toBe(true);
  });

  it('stops when the parent aborts, with the parent reason', async () => {
    const parent = new AbortController();
    const pending = withTimeout('smoke', 10_000, parent.signal, (signal) => sleep(10_000, signal));
    parent.abort('interrupted by SIGINT');
    await expect(pending).rejects.toMatchObject({
      code: 'E_INTERRUPTED',
      message: 'interrupted by SIGINT',
    });
    const already = new AbortController();
    already.abort('gone');
    await expect(
      withTimeout('x', 1000, already.signal, () => new Promise(() => {})),
    ).rejects.toMatchObject({ message: 'gone' });
  });
});

describe('sleep', () => {
  it('rejects at once on an aborted signal and keeps a CanaryError reason as it is', async () => {
    const controller = new AbortController();
    const reason = new CanaryError('E_TIMEOUT', 'x timed out');
    controller.abort(reason);
    await expect(sleep(10, controller.signal)).rejects.toBe(reason);
    const other = new AbortController();
    other.abort(new Error('odd'));
    expect(interrupted(other.signal).message).toBe('interrupted');
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
