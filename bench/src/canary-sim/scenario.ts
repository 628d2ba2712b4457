/** How one side serves requests at a moment of the run. */
export interface ServiceProfile {
  /** Share of requests answered with a 5xx. */
  errorRate: number;
  /** Median latency in seconds; latency is lognormal. */
  medianSec: number;
  /** Spread of ln(latency): 0.5 gives p99 ~ 3.2 x median, 0.99 gives ~ 10 x. */
  sigma: number;
  /** Share of requests that take `slowAddSec` longer (a slow dependency on some calls). */
  slowShare?: number;
  slowAddSec?: number;
}

/** One route of the service: its share of the traffic and, optionally, its own error rate. */
export interface RouteProfile {
  route: string;
  share: number;
}

/** One simulated situation: traffic, the baseline's behaviour and the canary's. */
export interface Scenario {
  name: string;
  /** `aa`: the canary is the baseline (any rollback is false); `detect`: it regressed. */
  kind: 'aa' | 'detect';
  canaryRps: number;
  baselineRps: number;
  healthy: ServiceProfile;
  /** The canary's behaviour once the regression started (detect scenarios). */
  regressed?: Partial<ServiceProfile> & {
    routeErrors?: { route: string; errorRate: number };
    /** One route's latency multiplied by `factor`. */
    routeLatency?: { route: string; factor: number };
    /** The canary's errors come in bursts: `durationSec` at `errorRate` every `everySec`. */
    errorBursts?: { durationSec: number; errorRate: number; everySec: number };
  };
  /** Seconds into monitoring at which the regression starts. Default 0. */
  regressionAtSec?: number;
  /** Error bursts: `durationSec` at `errorRate` once every `everySec`, at random moments. */
  bursts?: { durationSec: number; errorRate: number; everySec: number; shared: boolean };
  /** The canary is `factor` times slower for its first `sec` seconds (JIT, cold caches). */
  warmup?: { sec: number; factor: number };
  routes?: RouteProfile[];
  /**
   * Seconds of the baseline's history before the run the judge gets. Default: the monitor's
   * look-back (what the Prometheus source reads); 0 is the scrape source's first run in an
   * environment, a run's length its second (the baseline intervals of the run before).
   * Shorter than the look-back, the scrape source also reads sub-intervals (see SimulatedMonitor).
   */
  historySec?: number;
}
