import { describe, expect, it } from 'vitest';
import { side } from './__fixtures__/intervals.js';
import { judgeLook } from './judge-look.js';
import { type AnalysisPolicy, DEFAULT_THRESHOLDS } from './policy.js';
import type { IntervalSample, ReadBin } from './windows/look-windows.js';

const policy: AnalysisPolicy = { thresholds: DEFAULT_THRESHOLDS, plannedLooks: 12 };
const bins = (...errors: number[]): ReadBin[] => errors.map((e) => ({ requests: 50, errors: e }));
/** The first look of a run with no history: 250 requests a side, 1 baseline error. */
const firstLook = (
  canaryErrors: number,
  reads?: IntervalSample['reads'],
): ReturnType<typeof judgeLook> =>
  judgeLook(policy, {
    intervals: [
      {
        fromSec: 0,
        toSec: 5,
        canary: side(250, canaryErrors),
        baseline: side(250, 1),
        ...(reads ? { reads } : {}),
      },
    ],
  });

describe('sub-interval reads on a first run without history', () => {
  it('fails 13 errors in 250 when the interval is all the judge sees', () => {
    expect(firstLook(13).status).toBe('fail');
  });

  it("does not take a burst in 2 of the interval's 5 seconds for a regression", () => {
    const look = firstLook(13, { canary: bins(6, 6, 0, 1, 0), baseline: bins(0, 1, 0, 0, 0) });
    expect(look.status).toBe('continue');
    const rate = look.checks.find((c) => c.name === 'error-rate')!;
    expect(rate.dispersion).toBeGreaterThan(3);
    expect(rate.detail).toMatch(/dispersion 3\.5/);
  });

  it('still fails +5 points spread over the seconds at the first look', () => {
    const look = firstLook(14, { canary: bins(3, 3, 3, 2, 3), baseline: bins(0, 1, 0, 0, 0) });
    expect(look.status).toBe('fail');
    expect(look.reason).toMatch(/^error rate 5\.60% \(14\/250\) above the limit 1\.00% over 0-5 s/);
  });

  it("judges by the canary's bins: the baseline's alone, or none on the canary's side, change nothing", () => {
    expect(firstLook(13, { baseline: bins(0, 1, 0, 0, 0) }).status).toBe('fail');
    expect(firstLook(13, { canary: [], baseline: bins(1, 0, 0, 0, 0) }).status).toBe('fail');
  });

  it('takes bins of uneven sizes, and leaves out those without requests (a paused read)', () => {
    const uneven: ReadBin[] = [
      { requests: 90, errors: 11 },
      { requests: 0, errors: 0 },
      { requests: 100, errors: 1 },
      { requests: 60, errors: 1 },
    ];
    const look = judgeLook(policy, {
      intervals: [
        {
          fromSec: 0,
          toSec: 5,
          canary: side(250, 13),
          baseline: side(250, 1),
          reads: { canary: uneven },
        },
      ],
    });
    expect(look.status).toBe('continue');
    expect(look.checks.find((c) => c.name === 'error-rate')!.dispersion).toBeGreaterThan(2);
    // One bin with every request of the interval has no variation to show.
    const empty = { requests: 0, errors: 0 };
    expect(firstLook(13, { canary: [{ requests: 250, errors: 13 }, empty, empty] }).status).toBe(
      'fail',
    );
  });

  it('applies the factor to the comparison with the baseline and to the routes', () => {
    const routes = (errors: number) => ({
      '/a': { requests: 150, errors },
      '/b': { requests: 150, errors: 0 },
    });
    const intervals = (reads: boolean): IntervalSample[] =>
      [0, 1, 2, 3].map((i) => ({
        fromSec: i * 5,
        toSec: (i + 1) * 5,
        canary: side(300, i === 3 ? 20 : 0, undefined, routes(i === 3 ? 20 : 0)),
        baseline: side(300, 0, undefined, routes(0)),
        ...(reads && i === 3 ? { reads: { canary: bins(0, 0, 20, 0, 0, 0) } } : {}),
      }));
    const limits = { ...DEFAULT_THRESHOLDS, maxErrorRate: 0.5, maxErrorRateIncrease: 0.001 };
    const judge = (reads: boolean) =>
      judgeLook(
        { ...policy, thresholds: limits, minSamples: 20, minRouteSamples: 20 },
        { intervals: intervals(reads) },
      );
    expect(judge(false).status).toBe('fail');
    const damped = judge(true);
    expect(damped.status).toBe('continue');
    for (const name of ['error-rate-vs-baseline', 'route:/a'])
      expect(damped.checks.find((c) => c.name === name)!.dispersion).toBeGreaterThan(5);
  });
});
