import type { CanaryProgress, LookRecord } from '@n1v1/canary-runner';
import type { Io } from '../io.js';

/** Renders the canary's progress on stderr: one live line on a terminal, plain lines in CI. */
export interface CanaryProgressView {
  onProgress(event: CanaryProgress): void;
  /** Ends the live line so the result starts on a clean one. */
  done(): void;
}

export function createCanaryProgress(stderr: Io['stderr']): CanaryProgressView {
  let live = false;
  const line = (text: string) => {
    if (live) stderr.write('\r\u001b[2K');
    live = false;
    stderr.write(`${text}\n`);
  };
  return {
    onProgress(event) {
      const at = `[+${(event.elapsedMs / 1000).toFixed(1)}s]`;
      if (event.type === 'phase')
        line(`${at} ${event.phase}${event.detail ? `: ${event.detail}` : ''}`);
      else if (event.type === 'log') line(`${at} ${event.message}`);
      else if (stderr.isTTY && event.look.kind === 'interval' && event.look.status !== 'fail') {
        stderr.write(`\r\u001b[2K${liveLine(event.look, event.monitorSec)}`);
        live = true;
      } else line(`${at} ${lookLine(event.look)}`);
    },
    done() {
      if (live) stderr.write('\r\u001b[2K');
      live = false;
    },
  };
}

/** The terminal's live line: elapsed, error rate, p99, health, verdict so far. */
export function liveLine(look: LookRecord, monitorSec: number): string {
  return `monitoring ${look.elapsedSec.toFixed(0)}/${monitorSec} s  ${figures(look)}  health ${look.health.ok ? 'ok' : 'FAILING'}  so far: ${look.status}`;
}

/** One CI log line per look. */
export function lookLine(look: LookRecord): string {
  const name =
    look.kind === 'final'
      ? 'whole window'
      : `look ${look.index} at ${look.elapsedSec.toFixed(1)} s`;
  const quiet = look.status === 'pass' || (look.status === 'continue' && !look.reason);
  const reason = quiet ? '' : ` (${look.reason ?? 'no reason'})`;
  return `${name}: ${look.status}${reason}; ${figures(look)}; health ${look.health.ok ? 'ok' : `failing x${look.health.failuresInRow}: ${look.health.detail}`}`;
}

function figures(look: LookRecord): string {
  const side = (f: LookRecord['canary'] | undefined) =>
    f
      ? `err ${f.errorRate === null ? 'n/a' : `${(f.errorRate * 100).toFixed(2)}%`} p99 ${f.p99Ms === null ? 'n/a' : `${Math.round(f.p99Ms)} ms`} (${f.requests} req)`
      : 'no data';
  const baseline = look.baseline === undefined ? '' : ` | baseline ${side(look.baseline)}`;
  return `canary ${side(look.canary)}${baseline}`;
}
