import { CanaryError } from '../canary-error.js';

/** Waits `ms`, or rejects with E_INTERRUPTED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(interrupted(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(interrupted(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error an aborted wait rejects with: the signal's reason when it is one of ours. */
export function interrupted(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof CanaryError) return reason;
  return new CanaryError('E_INTERRUPTED', typeof reason === 'string' ? reason : 'interrupted');
}
