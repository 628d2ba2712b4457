import type { MetricMapping, MetricPreset } from '../metrics/mapping/metric-mapping.js';

/**
 * The shape of one environment's block in `n1v1.config.json`, after defaults are applied.
 * `schema/config.schema.json` validates the same shape; keep the two in step.
 */

/** Starts the canary as a process on this machine beside a stable one (the default). */
export interface LocalDeployerConfig {
  type: 'local';
  /**
   * The process to start, as argv (no shell). Default: `node <@n1v1/example-service>/dist/main.js`.
   * It must listen on the `PORT` it is given and answer `GET /ready`.
   */
  command?: string[];
  /** Extra environment for the canary process only (fault switches such as `N1V1_ERROR_RATE`). */
  env?: Record<string, string>;
  /** Extra environment for the stable process only. */
  stableEnv?: Record<string, string>;
  /** Version the stable process reports when this deployer has to start one. Default `stable`. */
  stableVersion?: string;
  /** Port of the canary; 0 picks a free one. Default 0. */
  canaryPort?: number;
  /** Port of the stable process it starts when none runs; 0 picks a free one. Default 0. */
  stablePort?: number;
  /** How long the canary may take to answer `/ready` with 200, in seconds. Default 30. */
  readyTimeoutSec?: number;
  /**
   * Leave the processes running when the run ends (they are the deployment; `n1v1 rollback`
   * and `n1v1 promote` find them by pid). `false` stops what the run started. Default true.
   */
  keepRunning?: boolean;
}

/** Runs the user's own scripts (like `deploy/canary.sh`). */
export interface CommandDeployerConfig {
  type: 'command';
  /** Deploys the canary: argv, or one string run by `/bin/sh -c`. */
  deploy: string[] | string;
  /** Rolls the canary back. Must be safe to run twice. */
  rollback: string[] | string;
  /** Makes the version the stable one. */
  promote?: string[] | string;
  /**
   * Puts the previous version back after a failed bake (N1V1_VERSION is that version).
   * Default: the promote script, run for the previous version.
   */
  restore?: string[] | string;
  /** Longest one script may run, in seconds. Default 300. */
  timeoutSec?: number;
  /** Working directory of the scripts. Default: the run's cwd. */
  cwd?: string;
  /** Extra environment for the scripts. */
  env?: Record<string, string>;
}

/** A canary Deployment beside the stable one, through @kubernetes/client-node. */
export interface KubernetesDeployerConfig {
  type: 'kubernetes';
  /** Namespace of the Deployments. Default: the kubeconfig context's, else the in-cluster namespace file, else `default`. */
  namespace?: string;
  /** Name of the canary Deployment. Default `<service>-canary`. */
  canaryDeployment?: string;
  /** Name of the stable Deployment. Default `<service>`. */
  stableDeployment?: string;
  /** Container whose image is set. Default: the first container. */
  container?: string;
  /** Image reference with `{version}` replaced by the version, e.g. `ghcr.io/acme/n1v1:{version}`. */
  image: string;
  /** Replicas of the canary while it runs. Default 1. */
  replicas?: number;
  /** Path of a kubeconfig file. Default: every file in KUBECONFIG, else ~/.kube/config, else the in-cluster service account. */
  kubeconfig?: string;
  /** kubeconfig context. Default: the current one. */
  context?: string;
  /** API server URL that replaces the kubeconfig (tests point it at a local fake). */
  server?: string;
  /** Longest wait for a rollout, in seconds. Default 300. */
  rolloutTimeoutSec?: number;
}

export type DeployerConfig = LocalDeployerConfig | CommandDeployerConfig | KubernetesDeployerConfig;

export interface MonitorConfig {
  /** How long the canary is watched after the smoke test, in seconds. Default 60. */
  durationSec: number;
  /** Time between two health probes and analysis decisions, in seconds. Default 5. */
  intervalSec: number;
  /** Failed health probes in a row that trigger a rollback. Default 2. */
  maxHealthFailures: number;
  /** Timeout of one probe or scrape request, in ms. Default 2000. */
  requestTimeoutMs: number;
  /**
   * Looks in a row whose metrics could not be read, or whose deployer status check threw,
   * that the run tolerates (as Argo's consecutiveErrorLimit); one more fails it. Default 4.
   */
  consecutiveErrorLimit: number;
}

export interface ThresholdsConfig {
  /** Highest acceptable canary error rate (status >= 500), 0..1. Default 0.01. */
  maxErrorRate: number;
  /** Highest acceptable canary p99 latency, in ms. Default 500. */
  maxP99Ms: number;
  /** Largest acceptable canary-minus-baseline error rate, 0..1 (0.01 = one point). Default 0.01. */
  maxErrorRateIncrease: number;
  /** Largest acceptable relative p99 increase over the baseline (0.2 = +20 %). Default 0.2. */
  maxP99Increase: number;
  /**
   * Smallest p99 increase over the baseline that can fail a canary, in ms: a fresh process
   * a few ms slower than a warm one is not a regression. Default 25.
   */
  minP99IncreaseMs: number;
  /** Largest acceptable relative increase of the median latency over the baseline. Default 0.2. */
  maxLatencyIncrease: number;
  /** Smallest median latency increase that can fail a canary, in ms. Default 5. */
  minLatencyIncreaseMs: number;
  /**
   * Largest acceptable increase of the share of requests slower than the baseline's p99
   * bucket bound, 0..1 (0.01 = one point). Default 0.01.
   */
  maxTailShareIncrease: number;
}

export type InsufficientDataPolicy = 'extend' | 'pass' | 'fail';

/** What an inconclusive run does with its canary: roll it back (default), or keep it. */
export type InconclusivePolicy = 'rollback' | 'keep';

export interface AnalysisConfig {
  /** Requests each side needs in a window before it is judged. Default 50. */
  minSamples: number;
  /**
   * Chance of rolling back a healthy canary through the baseline comparisons, over the whole
   * run: split evenly over every look, window and comparison. Default 0.005.
   */
  falseRollbackBudget: number;
  /**
   * Chance of failing a canary that meets the absolute limits, over the whole run: split
   * evenly over every look, window and limit. Default 0.005.
   */
  absoluteAlpha: number;
  /**
   * `extend` (default): when the window ends without enough data, or with a figure beyond its
   * limit that is not yet significant, watch up to `maxExtendSec` longer. `pass` and `fail`:
   * no extension. A run still short of data after that is inconclusive (`onInconclusive`).
   */
  insufficientData: InsufficientDataPolicy;
  /** Bound of the `extend` policy, in seconds. Default 30. */
  maxExtendSec: number;
  /**
   * Seconds after the start of monitoring whose latency is not judged (JIT, cold caches),
   * at most a quarter of the window. Default 10.
   */
  warmupSec: number;
  /** What an inconclusive run does: `rollback` (default) or `keep` the canary. Never a promotion. */
  onInconclusive: InconclusivePolicy;
  /** Requests a route needs on each side to be compared on its own. Default 100. */
  minRouteSamples: number;
  /**
   * Seconds of the baseline's traffic before the run whose interval-to-interval variation
   * the analysis learns (its error bursts): the prometheus source range-queries it, the
   * scrape source keeps up to this much from the environment's earlier runs. 0: none.
   * Default 900.
   */
  baselineHistorySec: number;
}

/** A user-written PromQL query; `{{selector}}` becomes the target's label selector. */
export interface UserQuery {
  name: string;
  query: string;
  /** Fail when the canary's value is above. */
  max?: number;
  /** Fail when the canary's value is below. */
  min?: number;
}

/** The series names the metrics sources read: a preset, and fields that override it. */
export interface MetricNaming {
  /** The instrumentation the service uses. Default `health-server`. */
  preset?: MetricPreset;
  /** Fields over the preset, for any other instrumentation. */
  mapping?: Partial<MetricMapping>;
}

export interface ScrapeMetricsConfig extends MetricNaming {
  source: 'scrape';
  /** Routes left out of the analysis (probes and scrapes are not user traffic). */
  excludeRoutes: string[];
  /**
   * Reads of both targets' /metrics per interval while the environment's kept history is
   * shorter than `analysis.baselineHistorySec` (every `intervalSec / readsPerInterval`): the
   * sub-interval bins show the judge a burst inside an interval. At most as many as fit
   * 1.25 s apart in the interval (past health-server's 1 s `/metrics` cache). 1 turns them
   * off. Default 4.
   */
  readsPerInterval: number;
}

export interface PrometheusMetricsConfig extends MetricNaming {
  source: 'prometheus';
  /** Base URL of the Prometheus HTTP API, e.g. `http://127.0.0.1:9090`. */
  url: string;
  /** Label matchers of the canary's series, e.g. `job="n1v1-canary"`. */
  canarySelector: string;
  /** Label matchers of the baseline's series; without it there is no comparison. */
  baselineSelector?: string;
  /** Range of `increase()`/`rate()`, in seconds. Default max(intervalSec, 4 x scrapeIntervalSec). */
  rangeSec?: number;
  /** The server's scrape interval, in seconds (sizes the default range). Default 15. */
  scrapeIntervalSec: number;
  excludeRoutes: string[];
  queries: UserQuery[];
}

export type MetricsConfig = ScrapeMetricsConfig | PrometheusMetricsConfig;

export interface SmokeStepConfig {
  /** Run @n1v1/smoke-tests against the canary before monitoring. Default true. */
  enabled: boolean;
  /** Timeout of each smoke request, in ms. Default 5000. */
  timeoutMs: number;
  /** Also run the smoke suite's load check. Default false. */
  load: boolean;
  /**
   * The contract to check, as `n1v1 smoke --profile`: `n1v1`, `generic`, `kubernetes`,
   * `spring`. Default: the smoke config's, else `n1v1`.
   */
  profile?: 'n1v1' | 'generic' | 'kubernetes' | 'spring';
  /**
   * The same configuration `n1v1 smoke --config` reads (paths, checks, limits, skips): the
   * object itself, or the path of its JSON file relative to the working directory.
   */
  config?: string | Record<string, unknown>;
}

export interface TrafficRequest {
  method: 'GET' | 'POST';
  path: string;
  /** JSON body for POST. */
  body?: unknown;
}

export interface TrafficConfig {
  /** Send synthetic requests to canary and baseline. Default true for `local`, else false. */
  enabled: boolean;
  /** Requests per second to EACH target, spread evenly. Default 50, at most 200. */
  ratePerSec: number;
  /** Requests sent in turn. Default: a ticker read and an order validation. */
  requests: TrafficRequest[];
  /** Timeout of one request, in ms. Default 2000. */
  timeoutMs: number;
}

export interface TimeoutsConfig {
  /** Longest the deploy step may take, in seconds. Default 120. */
  deploySec: number;
  /** Longest the smoke step may take, in seconds. Default 60. */
  smokeSec: number;
  /** Longest a rollback may take, in seconds. Default 120. */
  rollbackSec: number;
  /** Longest a promote may take, in seconds. Default 300. */
  promoteSec: number;
}

/** The bake window after a promotion. */
export interface BakeConfig {
  /** Watch the environment after `promote` (`--no-bake` skips it once). Default true. */
  enabled: boolean;
  /** How long production is watched after the rollout, in seconds. Default 300. */
  durationSec: number;
  /** Time between two looks, in seconds. Default 5. */
  intervalSec: number;
  /** How long the service is measured just before the rollout (the "before" of before/after), in seconds. Default 10. */
  beforeSec: number;
}

// --- Progressive delivery: weighted steps through a traffic router -------------------------

/** Requests that go to the canary whatever the weight: only internal users, say. */
export interface RouteMatch {
  /** An exact header value, e.g. `{ "name": "x-canary", "value": "internal" }`. */
  header?: { name: string; value: string };
  /** An exact cookie value, e.g. `{ "name": "canary", "value": "always" }`. */
  cookie?: { name: string; value: string };
}

/** One step of a progressive rollout: a weight, held and analysed for `holdSec`. */
export interface TrafficStep {
  /** Share of requests the canary gets, in percent (an integer, 0..100). */
  weight: number;
  /** How long the weight is held and analysed, in seconds. */
  holdSec: number;
  /** `manual`: after the hold passed, wait for `n1v1 approve` before the next step. */
  gate?: 'manual';
  /** Longest a manual gate waits for its approval, in seconds. Default 3600. */
  gateTimeoutSec?: number;
  /** Requests that go to the canary during this step whatever the weight. */
  match?: RouteMatch;
}

/** A real HAProxy on loopback in front of stable and canary; weights set through its runtime API. */
export interface HaproxyRouterConfig {
  type: 'haproxy';
  /** The haproxy binary. Default `haproxy` on PATH, else `/usr/sbin/haproxy`. */
  binary?: string;
  /** Port of the frontend on 127.0.0.1; 0 picks a free one. Default 0. */
  port?: number;
}

/** Backend weights of a Gateway API HTTPRoute, through the Kubernetes API. */
export interface GatewayApiRouterConfig {
  type: 'gateway-api';
  namespace?: string;
  /** Name of the HTTPRoute. Default `<service>`. */
  route?: string;
  /** Service of the stable version. Default `<service>`. */
  stableService?: string;
  /** Service of the canary. Default `<service>-canary`. */
  canaryService?: string;
  /** Port of both Services. Default 80. */
  port?: number;
  kubeconfig?: string;
  context?: string;
  /** API server URL that replaces the kubeconfig (tests point it at a local fake). */
  server?: string;
}

/** The canary annotations of ingress-nginx on the canary's Ingress. */
export interface NginxIngressRouterConfig {
  type: 'nginx-ingress';
  namespace?: string;
  /** Name of the canary Ingress (a copy of the main one pointing at the canary Service). Default `<service>-canary`. */
  canaryIngress?: string;
  kubeconfig?: string;
  context?: string;
  server?: string;
}

/** The user's script, run with the weight in `N1V1_CANARY_WEIGHT`. */
export interface CommandRouterConfig {
  type: 'command';
  /** argv, or one string run by `/bin/sh -c`. */
  command: string[] | string;
  /** Longest one run may take, in seconds. Default 60. */
  timeoutSec?: number;
  cwd?: string;
  env?: Record<string, string>;
}

export type RouterConfig =
  | HaproxyRouterConfig
  | GatewayApiRouterConfig
  | NginxIngressRouterConfig
  | CommandRouterConfig;

/** One environment, fully resolved: what a run actually uses. */
export interface EnvironmentConfig {
  /** URL of the canary; the local and kubernetes deployers may provide it. */
  canaryUrl?: string;
  /** URL of the stable version to compare with; without it only absolute limits apply. */
  baselineUrl?: string;
  deployer: DeployerConfig;
  monitor: MonitorConfig;
  thresholds: ThresholdsConfig;
  analysis: AnalysisConfig;
  metrics: MetricsConfig;
  smoke: SmokeStepConfig;
  traffic: TrafficConfig;
  timeouts: TimeoutsConfig;
  bake: BakeConfig;
  /** Promote automatically when the canary passes. Default false (verdict `ready`). */
  autoPromote: boolean;
  /** Environment whose canary of the version must have passed before `promote`. Default `staging`. */
  gate: string;
  /** What shifts real traffic to the canary in `steps`. Without it the canary gets what reaches it. */
  router?: RouterConfig;
  /**
   * Weighted steps that replace the single monitor window (needs `router`); each is analysed
   * on its own; after the last one passes the canary gets 100 % and is promoted.
   */
  steps?: TrafficStep[];
}

/** A deep-partial override of an environment block, as the config file and options give it. */
export type EnvironmentOverrides = {
  [K in keyof EnvironmentConfig]?: EnvironmentConfig[K] extends Array<unknown>
    ? EnvironmentConfig[K]
    : EnvironmentConfig[K] extends object
      ? Partial<EnvironmentConfig[K]>
      : EnvironmentConfig[K];
};

/** The configuration a run uses: one environment, resolved against the defaults. */
export interface ResolvedCanaryConfig extends EnvironmentConfig {
  service: string;
  env: string;
  /** The file it was read from, when there was one. */
  configPath?: string;
  /** Directory of the journal, locks and local deployer state. Default `<cwd>/.n1v1`. */
  stateDir: string;
  cwd: string;
}
