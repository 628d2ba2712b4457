import type { Scenario, ServiceProfile } from './scenario.js';

/** A healthy service: 0.5 % errors, lognormal latency, median 40 ms, p99 ~ 128 ms. */
export const HEALTHY: ServiceProfile = { errorRate: 0.005, medianSec: 0.04, sigma: 0.5 };

/** 50 requests/s to each side: the runner's synthetic traffic. */
const EVEN = { canaryRps: 50, baselineRps: 50 };

const aa = (name: string, changes: Partial<Scenario> = {}): Scenario => ({
  name,
  kind: 'aa',
  ...EVEN,
  healthy: HEALTHY,
  ...changes,
});

/** Bursts at independent moments on each side (a pod's GC pause, its own connection pool). */
const OWN_BURSTS = { durationSec: 2, errorRate: 0.1, everySec: 60, shared: false };

const ROUTES = [
  { route: '/api/v1/ticker/:symbol', share: 0.6 },
  { route: '/api/v1/orders/validate', share: 0.3 },
  { route: '/api/v1/orders', share: 0.1 },
];

/** Every regression of the issue, from the start and from half-way (30 s) into the window. */
function detections(): Scenario[] {
  const regressions: Array<[string, Scenario['regressed'], Partial<Scenario>?]> = [
    ['+5 pt errors', { errorRate: HEALTHY.errorRate + 0.05 }],
    ['+2 pt errors', { errorRate: HEALTHY.errorRate + 0.02 }],
    ['+50 % latency', { medianSec: HEALTHY.medianSec * 1.5 }],
    ['2 % of requests +400 ms', { slowShare: 0.02, slowAddSec: 0.4 }],
    [
      'one route (10 % of traffic) at 50 % errors',
      { routeErrors: { route: '/api/v1/orders', errorRate: 0.5 } },
      { routes: ROUTES },
    ],
    [
      'one route (30 % of traffic) +50 % latency',
      { routeLatency: { route: '/api/v1/orders/validate', factor: 1.5 } },
      { routes: ROUTES },
    ],
  ];
  return regressions.flatMap(([name, regressed, extra]) =>
    [0, 30].map((at) => ({
      name: `${name}${at ? ', from 30 s' : ''}`,
      kind: 'detect' as const,
      ...EVEN,
      healthy: HEALTHY,
      regressed,
      regressionAtSec: at,
      ...extra,
    })),
  );
}

/**
 * The error regressions as the scrape source judges them on an environment's first run: no
 * history, so sub-interval reads (which can damp a burst-like regression), and a regression
 * that itself comes in bursts.
 */
function firstRunDetections(): Scenario[] {
  const byName = new Map(detections().map((s) => [s.name, s]));
  const named = [
    '+5 pt errors',
    '+5 pt errors, from 30 s',
    '+2 pt errors, from 30 s',
    'one route (10 % of traffic) at 50 % errors',
  ].map((name) => byName.get(name)!);
  const bursty: Scenario = {
    ...named[0]!,
    name: "the canary's errors in bursts: 2 s at 25 % every 10 s (about +5 pt on average)",
    regressed: { errorBursts: { durationSec: 2, errorRate: 0.25, everySec: 10 } },
  };
  return [...named, bursty].map((s) => ({
    ...s,
    name: `${s.name}, scrape source, first run`,
    historySec: 0,
  }));
}

/** The A/A and detection scenarios the issue judges the default config on. */
export function issueScenarios(): Scenario[] {
  return [
    aa('A/A 0.5 % errors, 50 rps each'),
    aa('A/A near the limit: 0.8 % errors', { healthy: { ...HEALTHY, errorRate: 0.008 } }),
    aa('A/A near the limit: 0.95 % errors', { healthy: { ...HEALTHY, errorRate: 0.0095 } }),
    aa('A/A bursts: 2 s at 10 % once a minute, same moment both sides', {
      bursts: { durationSec: 2, errorRate: 0.1, everySec: 60, shared: true },
    }),
    aa('A/A bursts: 2 s at 10 % once a minute, each side its own moment', {
      bursts: OWN_BURSTS,
    }),
    aa('A/A own-moment bursts, scrape source, second run (history: the run before, 90 s)', {
      bursts: OWN_BURSTS,
      historySec: 90,
    }),
    aa('A/A own-moment bursts, scrape source, first run (no history)', {
      bursts: OWN_BURSTS,
      historySec: 0,
    }),
    aa('A/A 10/90 split: canary 10 rps, baseline 90 rps', { canaryRps: 10, baselineRps: 90 }),
    aa('A/A warm-up: canary 1.5x slower for 5 s', { warmup: { sec: 5, factor: 1.5 } }),
    aa('A/A warm-up: canary 3x slower for 5 s', { warmup: { sec: 5, factor: 3 } }),
    aa('A/A heavy tail: p99 ~ 400 ms', { healthy: { ...HEALTHY, sigma: 0.99 } }),
    aa('A/A 5 rps each', { canaryRps: 5, baselineRps: 5 }),
    aa('A/A 2 rps each', { canaryRps: 2, baselineRps: 2 }),
    aa('A/A routes: 60/30/10 %', { routes: ROUTES }),
    ...detections(),
    ...firstRunDetections(),
  ];
}
