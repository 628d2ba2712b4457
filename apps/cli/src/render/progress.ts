import type { ProgressEvent } from '@n1v1/smoke-tests';
import type { Io } from '../io.js';

export interface Progress {
  onProgress(event: ProgressEvent): void;
  /** Clears the live line so the results start on a clean one. */
  done(): void;
}

/**
 * A live status line on stderr while checks and load run, only on a terminal: in a CI log
 * a line redrawn every second is noise.
 */
export function createProgress(stderr: Io['stderr']): Progress {
  if (!stderr.isTTY) return { onProgress: () => undefined, done: () => undefined };
  const running = new Set<string>();
  let finished = 0;
  let drawn = false;
  const draw = (text: string) => {
    stderr.write(`\r\u001b[2K${text}`);
    drawn = true;
  };
  return {
    onProgress(event) {
      if (event.type === 'wait') {
        draw(
          `waiting for /health: attempt ${event.attempt}, ${(event.elapsedMs / 1000).toFixed(1)} s (${event.reason})`,
        );
      } else if (event.type === 'check-start') {
        running.add(event.name);
        draw(`checking: ${[...running].join(', ')} (${finished} done)`);
      } else if (event.type === 'check-end') {
        running.delete(event.name);
        finished++;
        draw(`checking: ${[...running].join(', ') || '-'} (${finished} done)`);
      } else {
        draw(
          `load: ${event.elapsedSec.toFixed(0)}/${event.durationSec} s, ${event.requests} requests, ${event.errors} errors`,
        );
      }
    },
    done() {
      if (drawn) stderr.write('\r\u001b[2K');
    },
  };
}
