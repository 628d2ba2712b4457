import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient } from '../http/http-client.js';
import type { ProgressEvent } from '../smoke-types.js';
import { backoffDelayMs } from './backoff.js';

export interface WaitResult {
  /** How long the wait took, in ms. */
  waitedMs: number;
  /** Whether the endpoint answered 2xx before the wait ran out. */
  answered: boolean;
}

/**
 * Polls `path` until it answers 2xx or `waitMs` has passed, with backoff and jitter. No
 * poll outlasts the wait: each one's timeout is cut to the time left.
 */
export async function waitForHealth(
  http: HttpClient,
  path: string,
  waitMs: number,
  timeoutMs: number,
  emit: (event: ProgressEvent) => void,
  signal: AbortSignal,
): Promise<WaitResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  for (let attempt = 0; !signal.aborted; attempt++) {
    const left = waitMs - elapsed();
    const answer = await http.request({ path, timeoutMs: Math.max(1, Math.min(timeoutMs, left)) });
    if (answer.ok && answer.status >= 200 && answer.status <= 299) {
      return { waitedMs: Math.round(elapsed()), answered: true };
    }
    const reason = answer.ok ? `HTTP ${answer.status}` : answer.reason;
    emit({ type: 'wait', attempt: attempt + 1, elapsedMs: Math.round(elapsed()), reason });
    const pause = Math.min(backoffDelayMs(attempt), waitMs - elapsed());
    if (pause <= 0) break;
    await sleep(pause, undefined, { signal }).catch(() => undefined);
  }
  return { waitedMs: Math.round(elapsed()), answered: false };
}
