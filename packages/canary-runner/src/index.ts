export type {
  AnalysisPolicy,
  CheckResult,
  CheckStatus,
  LookJudgement,
  LookStatus,
  QueryValue,
} from '@n1v1/canary-analysis';
export {
  type BacktestOptions,
  type BacktestResult,
  type BacktestRollback,
  backtestPolicy,
} from './backtest/backtest-policy.js';
export type { BakeReport, BakeVerdict } from './bake/bake-types.js';
export { CanaryError, type CanaryErrorCode } from './canary-error.js';
export type {
  AnalysisConfig,
  BakeConfig,
  CommandDeployerConfig,
  CommandRouterConfig,
  DeployerConfig,
  EnvironmentConfig,
  EnvironmentOverrides,
  GatewayApiRouterConfig,
  HaproxyRouterConfig,
  InconclusivePolicy,
  InsufficientDataPolicy,
  KubernetesDeployerConfig,
  LocalDeployerConfig,
  MetricNaming,
  MetricsConfig,
  MonitorConfig,
  NginxIngressRouterConfig,
  PrometheusMetricsConfig,
  ResolvedCanaryConfig,
  RouteMatch,
  RouterConfig,
  ScrapeMetricsConfig,
  SmokeStepConfig,
  ThresholdsConfig,
  TimeoutsConfig,
  TrafficConfig,
  TrafficRequest,
  TrafficStep,
  UserQuery,
} from './config/config-types.js';
export { DEFAULT_SERVICE, defaultEnvironment, PROBE_ROUTES } from './config/defaults.js';
export {
  CONFIG_FILE_NAME,
  type LoadConfigOptions,
  loadCanaryConfig,
  resolveStateDir,
} from './config/load-config.js';
export { CONFIG_SCHEMA_URL } from './config/validate-config.js';
export type {
  DeployContext,
  Deployer,
  DeployerStatus,
  DeployResult,
} from './deployers/deployer.js';
export {
  classifyStatus,
  type MetricMapping,
  type MetricPreset,
  type StatusClass,
} from './metrics/mapping/metric-mapping.js';
export { checkMetricsContract, type SeriesInfo } from './metrics/mapping/metrics-contract.js';
export { METRIC_PRESETS, PRESET_NAMES, resolveMapping } from './metrics/mapping/presets.js';
export { type MetricSample, parsePrometheusText } from './metrics/prometheus-text.js';
export { contractQuery, promqlQueries } from './metrics/promql.js';
export { findJournal, listEnvironments } from './report/find-run.js';
export { renderRunReport } from './report/html/render-run-report.js';
export { buildRunView, type RunView } from './report/run-view.js';
export { loadRunView, renderReportFile, reportPaths } from './report/write-run-report.js';
export { analysisPolicy } from './run/analysis-policy.js';
export { type CanaryOptions, defaultVersion, type ManualOptions } from './run/canary-options.js';
export type { ManualReport } from './run/manual-report.js';
export type { PlannedAction } from './run/planned-action.js';
export { promote } from './run/promote-canary.js';
export type { RecoveredRun } from './run/recover-runs.js';
export type {
  CanaryProgress,
  CanaryReport,
  CanaryVerdict,
  LookRecord,
  RunStatistics,
  TargetFigures,
  TimelineEntry,
} from './run/report-types.js';
export { rollback } from './run/rollback-canary.js';
export { runCanary } from './run/run-canary.js';
export { listRuns, type RunSummary } from './run/run-history.js';
export type { NotificationRecord } from './run/run-notifications.js';
export type { RunState } from './run/state-machine.js';
export { approveGate, approveStep } from './run/step-gate.js';
export type { RouterReport, TrafficStepRecord } from './run/traffic-step-record.js';
export { verdictExitCode } from './run/verdict-exit-code.js';
export { findHaproxy } from './traffic/routers/haproxy/haproxy-process.js';
export type { TrafficStats } from './traffic/synthetic-traffic.js';
