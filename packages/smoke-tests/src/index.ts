export type {
  CustomCheckConfig,
  EndpointCheckConfig,
  HttpMethod,
  JsonExpectation,
  ProbeConfig,
  ResourcesCheckConfig,
  SmokeConfig,
  TradingCheckConfig,
} from './config/config-types.js';
export { loadSmokeConfig } from './config/load-config.js';
export { validateConfig } from './config/validate-config.js';
export { LOAD_BOUNDS, LOAD_DEFAULTS } from './load/load-limits.js';
export type { LoadOptions, LoadReport, LoadThreshold } from './load/load-types.js';
export { runLoad } from './load/run-load.js';
export {
  isSmokeProfileName,
  SMOKE_PROFILE_NAMES,
  SMOKE_PROFILES,
  type SmokeProfile,
  type SmokeProfileName,
} from './profiles/smoke-profiles.js';
export { renderJUnit } from './report/render-junit.js';
export { renderLoadMarkdown, renderMarkdown } from './report/render-markdown.js';
export { DEFAULT_TIMEOUT_MS } from './run/resolve-smoke-options.js';
export { runSmoke } from './run/run-smoke.js';
export { SmokeError, type SmokeErrorCode } from './smoke-error.js';
export {
  BUILT_IN_CHECKS,
  type BuiltInCheckName,
  type CheckResult,
  type ProgressEvent,
  type SmokeOptions,
  type SmokeReport,
  type TlsOptions,
} from './smoke-types.js';
export { redactUrl } from './target.js';
