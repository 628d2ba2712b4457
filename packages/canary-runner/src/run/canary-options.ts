import type { Notifier } from '@n1v1/notifier';
import type { BakeConfig, EnvironmentOverrides } from '../config/config-types.js';
import type { CanaryProgress } from './report-types.js';

/**
 * Options of `runCanary`. Every field of an environment block (`deployer`, `monitor`,
 * `thresholds`, `metrics`, `analysis`, `smoke`, `traffic`, `timeouts`, `canaryUrl`, ...) may
 * be given here and wins over the config file, key by key.
 */
export interface CanaryOptions extends EnvironmentOverrides {
  /** Environment block of the config. Default `staging`. */
  env?: string;
  /** Version to deploy. Default `N1V1_VERSION`, else the short `GITHUB_SHA`, else `dev-<time>`. */
  version?: string;
  /** Directory of `n1v1.config.json` and `.n1v1/`. Default `process.cwd()`. */
  cwd?: string;
  /** Config file. Default `<cwd>/n1v1.config.json` when it exists, else the built-in defaults. */
  configPath?: string;
  /** Print every action, take none. */
  dryRun?: boolean;
  /** On failure notify and report but leave the canary in place (verdict `failed`). */
  noRollback?: boolean;
  /** Where notifications go. Default `notifierFromEnv(process.env)`; `null` sends none. */
  notifier?: Notifier | null;
  /** Longest the final notification flush may take, in ms. Default 5000. */
  notifyFlushTimeoutMs?: number;
  /** Link to the CI run, shown in notifications. */
  runUrl?: string;
  onProgress?: (event: CanaryProgress) => void;
  /** Aborting it rolls the canary back, like SIGINT. */
  signal?: AbortSignal;
  /** Roll back on SIGINT/SIGTERM. Default true. */
  handleSignals?: boolean;
  /**
   * The local deployer's `command` when the config gives none, e.g. `['node', 'server.js']`.
   * No default: without either, a run with the local deployer is an E_CONFIG_INVALID.
   */
  localCommand?: string[];
}

/** Options of `promote` and `rollback`. */
export interface ManualOptions {
  env?: string;
  /** For promote: the version; default the last passed canary's. */
  version?: string;
  cwd?: string;
  configPath?: string;
  notifier?: Notifier | null;
  notifyFlushTimeoutMs?: number;
  /** Print what it would do, take no action. */
  dryRun?: boolean;
  /** For promote: skip the bake window after the rollout. */
  noBake?: boolean;
  /** For promote: the bake's window, interval and pre-rollout measurement, over the config's. */
  bake?: Partial<BakeConfig>;
  /** Link to the CI run, shown in notifications. */
  runUrl?: string;
  onProgress?: (event: CanaryProgress) => void;
  /** As in `CanaryOptions`: the local deployer's command when the config gives none. */
  localCommand?: string[];
}

/** The environment-block fields of the options, for the config loader. */
export function overridesOf(options: CanaryOptions): EnvironmentOverrides {
  const {
    env: _env,
    version: _version,
    cwd: _cwd,
    configPath: _configPath,
    dryRun: _dryRun,
    noRollback: _noRollback,
    notifier: _notifier,
    notifyFlushTimeoutMs: _flush,
    runUrl: _runUrl,
    onProgress: _onProgress,
    signal: _signal,
    handleSignals: _handleSignals,
    localCommand: _localCommand,
    ...overrides
  } = options;
  return overrides;
}

/** The version when none was given. */
export function defaultVersion(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  if (env.N1V1_VERSION) return env.N1V1_VERSION;
  if (env.GITHUB_SHA) return env.GITHUB_SHA.slice(0, 12);
  return `dev-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
}
