import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk), isTTY };
}

describe('createProgress', () => {
  it('redraws one status line on a terminal and clears it at the end', () => {
    const tty = stream(true);
    const progress = createProgress(tty);
    progress.onProgress({ type: 'wait', attempt: 2, elapsedMs: 1500, reason: 'HTTP 503' });
    progress.onProgress({ type: 'check-start', name: 'health' });
    progress.onProgress({ type: 'check-start', name: 'ready' });
    progress.onProgress({ type: 'check-end', name: 'health', status: 'pass', durationMs: 3 });
    progress.onProgress({ type: 'check-end', name: 'ready', status: 'pass', durationMs: 3 });
    progress.onProgress({
      type: 'load-tick',
      elapsedSec: 3.2,
      durationSec: 10,
      requests: 1200,
      errors: 1,
    });
    progress.done();
    const lines = tty.chunks.map((c) => c.replace('\r\u001b[2K', ''));
    expect(lines).toEqual([
      'waiting for /health: attempt 2, 1.5 s (HTTP 503)',
      'checking: health (0 done)',
      'checking: health, ready (0 done)',
      'checking: ready (1 done)',
      'checking: - (2 done)',
      'load: 3/10 s, 1200 requests, 1 errors',
      '',
    ]);
  });

  it('writes nothing when stderr is not a terminal, or when nothing happened', () => {
    const log = stream(false);
    const progress = createProgress(log);
    progress.onProgress({ type: 'check-start', name: 'health' });
    progress.done();
    expect(log.chunks).toEqual([]);
    const idle = stream(true);
    createProgress(idle).done();
    expect(idle.chunks).toEqual([]);
  });
});
