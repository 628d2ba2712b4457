import { describe, expect, it } from 'vitest';
import { look } from './__fixtures__/canary-report.js';
import { createCanaryProgress, liveLine, lookLine } from './canary-progress.js';

function stream(isTTY: boolean) {
  let text = '';
  return { isTTY, write: (chunk: string) => (text += chunk), text: () => text };
}

describe('canary progress', () => {
  it('prints one plain line per event in CI', () => {
    const err = stream(false);
    const progress = createCanaryProgress(err);
    progress.onProgress({ type: 'phase', phase: 'deploying', elapsedMs: 0 });
    progress.onProgress({
      type: 'log',
      message: 'started canary 2.0.0 as pid 42',
      elapsedMs: 1200,
    });
    progress.onProgress({ type: 'look', look: look(), elapsedMs: 20_000, monitorSec: 60 });
    progress.onProgress({
      type: 'phase',
      phase: 'rolling-back',
      detail: 'error rate',
      elapsedMs: 21_000,
    });
    progress.done();
    expect(err.text()).toBe(
      [
        '[+0.0s] deploying',
        '[+1.2s] started canary 2.0.0 as pid 42',
        '[+20.0s] look 3 at 15.2 s: pass; canary err 0.40% p99 5 ms (250 req) | baseline err 0.00% p99 5 ms (248 req); health ok',
        '[+21.0s] rolling-back: error rate',
        '',
      ].join('\n'),
    );
  });

  it('redraws one live line on a terminal and clears it before the next plain line', () => {
    const err = stream(true);
    const progress = createCanaryProgress(err);
    progress.onProgress({ type: 'look', look: look(), elapsedMs: 20_000, monitorSec: 60 });
    expect(err.text()).toBe(`\r\u001b[2K${liveLine(look(), 60)}`);
    progress.onProgress({ type: 'phase', phase: 'final-check', elapsedMs: 61_000 });
    expect(err.text().endsWith('\r\u001b[2K[+61.0s] final-check\n')).toBe(true);
    progress.onProgress({ type: 'look', look: look(), elapsedMs: 20_000, monitorSec: 60 });
    progress.done();
    expect(err.text().endsWith('\r\u001b[2K')).toBe(true);
    expect(liveLine(look(), 60)).toBe(
      'monitoring 15/60 s  canary err 0.40% p99 5 ms (250 req) | baseline err 0.00% p99 5 ms (248 req)  health ok  so far: pass',
    );
  });

  it('describes failing looks, missing data and failing health', () => {
    const failing = look({
      kind: 'final',
      status: 'inconclusive',
      reason: 'insufficient data for error-rate: 3 requests, need 50 each',
      canary: { requests: 3, errors: 0, errorRate: null, p99Ms: null },
      baseline: null,
      health: { ok: false, detail: 'GET /ready answered 503', failuresInRow: 1 },
    });
    expect(lookLine(failing)).toBe(
      'whole window: inconclusive (insufficient data for error-rate: 3 requests, need 50 each); canary err n/a p99 n/a (3 req) | baseline no data; health failing x1: GET /ready answered 503',
    );
    expect(lookLine(look({ status: 'fail', baseline: undefined }))).toContain(
      'fail (no reason); canary err 0.40% p99 5 ms (250 req); health ok',
    );
    expect(lookLine(look({ status: 'continue' }))).toMatch(
      /^look \d+ at [\d.]+ s: continue; canary/,
    );
    expect(liveLine(look({ health: { ok: false, detail: '', failuresInRow: 1 } }), 60)).toContain(
      'health FAILING',
    );
  });
});
