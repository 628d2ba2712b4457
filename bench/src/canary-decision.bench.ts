import {
  judgeWindow,
  type LatencyBucket,
  loadCanaryConfig,
  planComparisons,
  sumWindows,
  type TargetWindow,
} from '@n1v1/canary-runner';
import type { Benchmark } from './lib/benchmark.js';

/** The contract's histogram buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Number.POSITIVE_INFINITY];

/** A healthy service as simulated: 0.5 % errors, lognormal latency with median 40 ms and p99 ~128 ms. */
const HEALTHY = { errorRate: 0.005, medianSec: 0.04, sigma: 0.5 };
const RUNS = 2000;

interface Profile {
  errorRate: number;
  medianSec: number;
  sigma: number;
}

/** mulberry32: a small seeded PRNG, so every run of the benchmark samples the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleWindow(random: () => number, n: number, profile: Profile): TargetWindow {
  const counts = new Array<number>(BUCKETS.length).fill(0);
  let errors = 0;
  for (let i = 0; i < n; i++) {
    if (random() < profile.errorRate) errors++;
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const latency = profile.medianSec * Math.exp(profile.sigma * z);
    counts[BUCKETS.findIndex((le) => latency <= le)]!++;
  }
  const latency: LatencyBucket[] = BUCKETS.map((le, i) => ({ le, count: counts[i]! }));
  return { requests: n, errors, latency };
}

/**
 * One simulated monitor window judged exactly as a run judges it (default settings: 60 s,
 * a look every 5 s, 50 synthetic requests/s to each side, then the whole-window look).
 * Returns the look (1-based) that failed, or 0 when the canary passed.
 */
const config = loadCanaryConfig({ cwd: '/nonexistent-n1v1-bench' });
const plan = planComparisons(config, true);

function simulateRun(random: () => number, canary: Profile): number {
  const perLook = config.traffic.ratePerSec * config.monitor.intervalSec;
  const input = {
    thresholds: config.thresholds,
    analysis: config.analysis,
    comparisonAlpha: plan.alpha,
  };
  const canaryWindows: TargetWindow[] = [];
  const baselineWindows: TargetWindow[] = [];
  for (let look = 1; look <= plan.plannedLooks; look++) {
    const c = sampleWindow(random, perLook, canary);
    const b = sampleWindow(random, perLook, HEALTHY);
    canaryWindows.push(c);
    baselineWindows.push(b);
    if (judgeWindow({ ...input, canary: c, baseline: b }).status === 'fail') return look;
  }
  const whole = judgeWindow({
    ...input,
    canary: sumWindows(canaryWindows),
    baseline: sumWindows(baselineWindows),
  });
  return whole.status === 'fail' ? plan.plannedLooks + 1 : 0;
}

function rate(
  profile: Profile,
  seed: number,
): { rate: number; medianLook: number; firstLook: number } {
  const random = prng(seed);
  const looks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const look = simulateRun(random, profile);
    if (look > 0) looks.push(look);
  }
  looks.sort((a, b) => a - b);
  return {
    rate: looks.length / RUNS,
    medianLook: looks[Math.floor(looks.length / 2)] ?? 0,
    firstLook: looks.filter((l) => l === 1).length / RUNS,
  };
}

const benchmark: Benchmark = {
  name: 'canary-decision',
  description: `the canary analysis over ${RUNS} simulated 60 s windows per case (default settings, sampled data): healthy A/A runs, +5 points of errors, +50 % latency`,
  async run() {
    const aa = rate(HEALTHY, 1);
    const errors = rate({ ...HEALTHY, errorRate: HEALTHY.errorRate + 0.05 }, 2);
    const slower = rate({ ...HEALTHY, medianSec: HEALTHY.medianSec * 1.5 }, 3);
    return [
      { metric: 'A/A false rollback rate', value: aa.rate * 100, unit: '%', target: '<= 1 %' },
      {
        metric: '+5 pt error rate detected within the window',
        value: errors.rate * 100,
        unit: '%',
        target: '>= 95 %',
      },
      {
        metric: '+5 pt error rate: median detecting look',
        value: errors.medianLook,
        unit: 'look (5 s each)',
      },
      {
        metric: '+5 pt error rate: detected at the first look',
        value: errors.firstLook * 100,
        unit: '%',
      },
      {
        metric: '+50 % p99 detected within the window',
        value: slower.rate * 100,
        unit: '%',
        target: '>= 95 %',
      },
      {
        metric: '+50 % p99: median detecting look',
        value: slower.medianLook,
        unit: 'look (5 s each)',
      },
    ];
  },
};

export default benchmark;
