import { describe, expect, it } from 'vitest';
import { run, side } from './__fixtures__/intervals.js';
import { createJudge } from './create-judge.js';
import { judgeLook } from './judge-look.js';
import { type AnalysisPolicy, DEFAULT_THRESHOLDS } from './policy.js';

const policy: AnalysisPolicy = { thresholds: DEFAULT_THRESHOLDS, plannedLooks: 12 };
const healthy = () => ({ canary: side(250, 1), baseline: side(250, 1) });
const judge = (intervals: ReturnType<typeof run>, extra: Partial<AnalysisPolicy> = {}) =>
  judgeLook({ ...policy, ...extra }, { intervals });
/** The significance of one comparison under `policy`. */
const judgeAlphas = () => createJudge(policy).alphas.comparison;

describe('judgeLook', () => {
  it('continues through the window and passes a canary that looks like its baseline at the end', () => {
    expect(judge(run(6, healthy)).status).toBe('continue');
    const end = judge(run(12, healthy));
    expect(end.status).toBe('pass');
    expect(end.checks.map((c) => c.name)).toEqual([
      'error-rate',
      'error-rate-vs-baseline',
      'p99',
      'latency-vs-baseline',
      'tail-vs-baseline',
    ]);
    expect(end.checks[0]).toMatchObject({
      window: { fromSec: 0, toSec: 60 },
      samples: { canary: 3000 },
    });
  });

  it('fails at the first look a canary that fails 6 % of its requests', () => {
    const result = judge(run(1, () => ({ canary: side(250, 15), baseline: side(250, 1) })));
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /^error rate 6\.00% \(15\/250\) above the limit 1\.00% over 0-5 s/,
    );
  });

  it('catches a regression that starts half-way in the recent windows', () => {
    const result = judge(
      run(8, (i) => ({ canary: side(250, i < 6 ? 1 : 10), baseline: side(250, 1) })),
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/over 30-40 s/);
  });

  it('fails a canary worse than the baseline by more than the tolerance although within the limit', () => {
    const result = judge(
      run(4, () => ({ canary: side(2500, 24), baseline: side(25000, 0) })),
      {
        thresholds: { ...DEFAULT_THRESHOLDS, maxErrorRate: 0.05, maxErrorRateIncrease: 0.005 },
      },
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /^error rate 0\.96% .* vs baseline 0\.00% .*worse than the tolerated/,
    );
  });

  it('holds the canary to the comparison while the baseline breaks the limit in the same window', () => {
    const burst = run(2, () => ({ canary: side(250, 12), baseline: side(250, 12) }));
    const result = judge(burst);
    expect(result.status).toBe('continue');
    expect(result.checks[0]!.detail).toMatch(/the baseline is at 4\.80% too/);
  });

  it("divides the counts by the baseline's overdispersion when its intervals vary beyond chance", () => {
    const intervals = run(6, (i) => ({
      canary: side(250, i === 5 ? 9 : 1),
      baseline: side(250, i === 2 ? 12 : 1),
    }));
    const result = judge(intervals);
    expect(result.status).toBe('continue');
    expect(result.checks[0]!.dispersion).toBeGreaterThan(3);
  });

  it('fails a canary whose every request is 50 % slower, and judges no latency in the warm-up', () => {
    const slow = () => ({
      canary: side(250, 0, { 0.05: 0.2, 0.1: 0.8 }),
      baseline: side(250, 0, { 0.05: 0.7, 0.1: 0.3 }),
    });
    const warming = judge(run(2, slow));
    expect(warming.status).toBe('continue');
    expect(warming.checks.find((c) => c.name === 'p99')?.detail).toMatch(/warm-up/);
    const result = judge(run(4, slow));
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^median latency \d+ ms vs baseline \d+ ms over 15-20 s: slower/);
  });

  it("fails a canary whose slowest 3 % got slower than the baseline's p99", () => {
    const result = judge(
      run(4, () => ({
        canary: side(500, 0, { 0.05: 0.6, 0.1: 0.37, 0.5: 0.03 }),
        baseline: side(500, 0, { 0.05: 0.6, 0.1: 0.396, 0.25: 0.004 }),
      })),
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^3\.00% of requests slower than 100 ms vs baseline 0\.40%/);
  });

  it('fails the p99 limit on a canary whose slow requests are over the limit', () => {
    const result = judge(
      run(4, () => ({
        canary: side(500, 0, { 0.05: 0.9, 1: 0.1 }),
        baseline: side(500, 0, { 0.05: 0.9, 1: 0.1 }),
      })),
      { thresholds: { ...DEFAULT_THRESHOLDS }, warmupSec: 0 },
    );
    expect(result.status).toBe('continue');
    expect(
      judge(
        run(12, () => ({ canary: side(500, 0, { 0.05: 0.9, 1: 0.1 }) })),
        { warmupSec: 0 },
      ).reason,
    ).toMatch(/^p99 latency \d+ ms above the limit 500 ms/);
  });

  it('compares routes with enough traffic on their own', () => {
    const routes = (bad: number) => ({
      '/a': { requests: 225, errors: 0 },
      '/b': { requests: 125, errors: bad },
    });
    const result = judge(
      run(1, () => ({
        canary: side(350, 40, undefined, routes(40)),
        baseline: side(350, 0, undefined, routes(0)),
      })),
      { thresholds: { ...DEFAULT_THRESHOLDS, maxErrorRate: 0.5, maxErrorRateIncrease: 0.2 } },
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^error rate of \/b 32\.00%/);
  });

  it('compares the median latency of each route when the histogram carries the route', () => {
    const route = (n: number, slow: number) => ({
      requests: n,
      errors: 0,
      latency: side(n, 0, { 0.05: 1 - slow, 0.1: slow }).latency,
    });
    // /b (a third of the traffic) got slower: its median moves, the service's barely.
    const make = (slowB: number) => ({
      '/a': route(400, 0.3),
      '/b': route(200, slowB),
    });
    const result = judge(
      run(4, (i) => ({
        canary: side(600, 0, { 0.05: 0.6, 0.1: 0.4 }, make(i < 2 ? 0.3 : 0.9)),
        baseline: side(600, 0, { 0.05: 0.6, 0.1: 0.4 }, make(0.3)),
      })),
      { warmupSec: 0 },
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /^median latency of \/b \d+ ms vs baseline \d+ ms over 15-20 s: slower/,
    );
    const failing = result.checks.find((c) => c.name === 'route-latency:/b')!;
    expect(failing.alpha).toBeCloseTo(judgeAlphas() / 4, 12);
    expect(result.checks.find((c) => c.name === 'latency-vs-baseline')!.status).toBe('pass');
  });

  it('is inconclusive after the extension without enough data, and continues while it lasts', () => {
    const quiet = () => ({ canary: side(3, 0), baseline: side(3, 0) });
    expect(judge(run(12, quiet), { extensionLooks: 2 })).toMatchObject({ status: 'continue' });
    const result = judge(run(14, quiet), { extensionLooks: 2 });
    expect(result.status).toBe('inconclusive');
    expect(result.reason).toMatch(
      /^insufficient data for the error rate over 0-70 s: 42 requests, need 50/,
    );
  });

  it("passes on absolute limits alone without a baseline, and judges the user's queries", () => {
    const alone = run(12, () => ({ canary: side(250, 1) }));
    expect(judge(alone).status).toBe('pass');
    const queries = [{ name: 'q', value: null, seriesCount: 0 }];
    expect(judgeLook(policy, { intervals: alone, queries }).status).toBe('inconclusive');
  });
});

describe("the baseline's history before the run", () => {
  /** 180 intervals of a baseline that fails 10 % of its requests for 2 s once a minute. */
  const bursty = Array.from({ length: 180 }, (_, i) => side(250, i % 12 === 7 ? 11 : 1));
  const steady = Array.from({ length: 180 }, (_, i) => side(250, [1, 2, 1, 0][i % 4]!));
  /** The canary's burst comes first: its baseline has not had one yet in this run. */
  const canaryBurst = run(1, () => ({ canary: side(250, 14), baseline: side(250, 1) }));

  it("holds a canary's burst to the baseline's known burstiness instead of failing it", () => {
    expect(judge(canaryBurst).status).toBe('fail');
    const known = judgeLook(policy, { intervals: canaryBurst, baselineHistory: bursty });
    expect(known.status).toBe('continue');
    expect(known.checks[0]!.dispersion).toBeGreaterThan(3);
    expect(known.checks[0]!.detail).toMatch(/not significantly above the limit .*dispersion \d/);
  });

  it('still fails a regression at the first look when the history is steady', () => {
    const result = judgeLook(policy, { intervals: canaryBurst, baselineHistory: steady });
    expect(result.status).toBe('fail');
    expect(result.checks[0]!.dispersion).toBe(1);
  });

  it('takes no change of the rate between the history and the run for variation', () => {
    const quieter = Array.from({ length: 180 }, (_, i) => side(250, i % 2));
    const intervals = run(4, () => ({ canary: side(250, 5), baseline: side(250, 5) }));
    const result = judgeLook(policy, { intervals, baselineHistory: quieter });
    expect(result.checks[0]!.dispersion).toBe(1);
  });

  it('keeps the history on the judge for every look, and ignores it without a baseline', () => {
    const judge = createJudge(policy, { baselineHistory: bursty });
    expect(judge.baselineHistory).toHaveLength(180);
    expect(judge.look(canaryBurst[0]!).status).toBe('continue');
    const alone = judgeLook(policy, {
      intervals: run(1, () => ({ canary: side(250, 14) })),
      baselineHistory: bursty,
    });
    expect(alone.status).toBe('fail');
  });
});

describe('createJudge', () => {
  it("keeps the run's intervals and totals, and judges each look over all of them", () => {
    const judge = createJudge(policy);
    const intervals = run(12, healthy);
    const statuses = intervals.map((i) => judge.look(i).status);
    expect(statuses.at(-1)).toBe('pass');
    expect(statuses.slice(0, -1).every((s) => s === 'continue')).toBe(true);
    expect(judge.intervals).toHaveLength(12);
    expect(judge.totals().canary.requests).toBe(3000);
    expect(judge.alphas).toMatchObject({ looks: 12, windows: 5 });
    const alone = createJudge(policy);
    alone.look({ fromSec: 0, toSec: 5, canary: side(10, 0) });
    expect(alone.totals()).not.toHaveProperty('baseline');
  });
});
