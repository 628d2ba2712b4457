export { checks } from './builtin/checks.js';
export type { EventLoopDelayOptions } from './builtin/event-loop-delay-check.js';
export type { FnCheckOptions } from './builtin/fn-check.js';
export type { HeapUsedOptions } from './builtin/heap-used-check.js';
export type { HttpCheckOptions } from './builtin/http-check.js';
export type { TcpCheckOptions } from './builtin/tcp-check.js';
export type {
  Check,
  CheckContext,
  CheckDefinition,
  CheckFunction,
  CheckKind,
  CheckOptions,
  CheckOutcome,
  CheckResult,
  CheckReturn,
  CheckStatus,
} from './checks/check-types.js';
export { createHealth } from './create-health.js';
export type { Health } from './health.js';
export { HealthError, type HealthErrorCode } from './health-error.js';
export type {
  DetailsAccess,
  HealthLogger,
  HealthOptions,
  HealthPaths,
  MetricsOptions,
} from './health-options.js';
export { bearerMatcher } from './http/caller-access.js';
export type { Middleware } from './http/middleware.js';
export type { NodeHandler } from './http/node-handler.js';
export type { LifecycleState } from './lifecycle.js';
export type { MetricsMiddlewareOptions } from './metrics/metrics-middleware.js';
export { OTHER_ROUTE, UNMATCHED_ROUTE } from './metrics/request-recorder.js';
export type {
  HealthBody,
  HealthCheckEntry,
  StatusBody,
  StatusExtra,
  StatusProvider,
  TradingStatus,
} from './response-types.js';
export type {
  HookContext,
  HookReport,
  ShutdownController,
  ShutdownHook,
  ShutdownOptions,
  ShutdownReport,
} from './shutdown/shutdown-types.js';
