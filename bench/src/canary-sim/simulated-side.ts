import type { TargetWindow } from '@n1v1/canary-analysis';
import { exponentialGap, normal } from './random.js';
import type { Scenario, ServiceProfile } from './scenario.js';

/** prom-client's default histogram buckets, in seconds. */
export const PROM_CLIENT_BUCKETS = [
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
  Number.POSITIVE_INFINITY,
];

/**
 * One side (canary or baseline) of a simulated run, request by request: Poisson arrivals,
 * each request with its own status, latency and route, counted into cumulative counters and
 * a histogram the way prom-client counts them. `advanceTo` serves requests up to a moment;
 * `snapshot` is what a scrape at that moment reads.
 */
export class SimulatedSide {
  readonly #random: () => number;
  readonly #scenario: Scenario;
  readonly #canary: boolean;
  readonly #rps: number;
  readonly #bursts: number[];
  readonly #counts = new Array<number>(PROM_CLIENT_BUCKETS.length).fill(0);
  readonly #routes = new Map<string, { requests: number; errors: number; buckets: number[] }>();
  #next: number;
  #requests = 0;
  #errors = 0;

  constructor(random: () => number, scenario: Scenario, canary: boolean, bursts: number[]) {
    this.#random = random;
    this.#scenario = scenario;
    this.#canary = canary;
    this.#rps = canary ? scenario.canaryRps : scenario.baselineRps;
    this.#bursts = bursts;
    this.#next = exponentialGap(random, this.#rps);
  }

  advanceTo(tSec: number): void {
    while (this.#next <= tSec) {
      this.#serve(this.#next);
      this.#next += exponentialGap(this.#random, this.#rps);
    }
  }

  /** The request and error counters alone (a sub-interval read needs no histogram). */
  counters(): { requests: number; errors: number } {
    return { requests: this.#requests, errors: this.#errors };
  }

  snapshot(): TargetWindow {
    return {
      requests: this.#requests,
      errors: this.#errors,
      latency: histogram(this.#counts),
      ...(this.#routes.size
        ? {
            routes: Object.fromEntries(
              [...this.#routes].map(([route, c]) => [
                route,
                { requests: c.requests, errors: c.errors, latency: histogram(c.buckets) },
              ]),
            ),
          }
        : {}),
    };
  }

  #serve(t: number): void {
    const s = this.#scenario;
    const random = this.#random;
    const regressed = this.#canary && s.regressed !== undefined && t >= (s.regressionAtSec ?? 0);
    const profile: ServiceProfile = regressed ? { ...s.healthy, ...s.regressed } : s.healthy;
    const route = this.#pickRoute();
    let errorRate = profile.errorRate;
    if (regressed && s.regressed?.routeErrors && route === s.regressed.routeErrors.route)
      errorRate = s.regressed.routeErrors.errorRate;
    const own = regressed ? s.regressed?.errorBursts : undefined;
    if (own && (t - (s.regressionAtSec ?? 0)) % own.everySec < own.durationSec)
      errorRate = Math.max(errorRate, own.errorRate);
    if (s.bursts && this.#bursts.some((b) => t >= b && t < b + s.bursts!.durationSec))
      errorRate = Math.max(errorRate, s.bursts.errorRate);
    const error = random() < errorRate;
    let latency = profile.medianSec * Math.exp(profile.sigma * normal(random));
    if (regressed && s.regressed?.routeLatency && route === s.regressed.routeLatency.route)
      latency *= s.regressed.routeLatency.factor;
    if (this.#canary && s.warmup && t < s.warmup.sec) latency *= s.warmup.factor;
    if (profile.slowShare && random() < profile.slowShare) latency += profile.slowAddSec ?? 0;
    this.#requests++;
    if (error) this.#errors++;
    let bucket = 0;
    while (latency > PROM_CLIENT_BUCKETS[bucket]!) bucket++;
    this.#counts[bucket]!++;
    if (route) {
      const counts = this.#routes.get(route) ?? {
        requests: 0,
        errors: 0,
        buckets: new Array<number>(PROM_CLIENT_BUCKETS.length).fill(0),
      };
      counts.requests++;
      if (error) counts.errors++;
      counts.buckets[bucket]!++;
      this.#routes.set(route, counts);
    }
  }

  #pickRoute(): string | undefined {
    const routes = this.#scenario.routes;
    if (!routes) return undefined;
    let u = this.#random();
    for (const r of routes) {
      if (u < r.share) return r.route;
      u -= r.share;
    }
    return routes.at(-1)!.route;
  }
}

/** The counts of each bucket (not cumulative) as a window's latency histogram. */
function histogram(counts: readonly number[]): TargetWindow['latency'] {
  return PROM_CLIENT_BUCKETS.map((le, i) => ({ le, count: counts[i]! }));
}
