import type { SmokeConfig } from '../config/config-types.js';
import { validateConfig } from '../config/validate-config.js';
import { type ResolvedLoadOptions, resolveLoadOptions } from '../load/load-limits.js';
import { SMOKE_PROFILES, type SmokeProfile } from '../profiles/smoke-profiles.js';
import { SmokeError } from '../smoke-error.js';
import type { SmokeOptions } from '../smoke-types.js';
import { parseTarget } from '../target.js';
import { secretHeaderValues } from './redact.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Everything a run needs, defaults applied and validated before anything is sent. */
export interface ResolvedSmoke {
  base: URL;
  /** The config with every endpoint path filled in: option, else config, else the profile's. */
  config: SmokeConfig;
  profile: SmokeProfile;
  timeoutMs: number;
  waitMs: number;
  deadlineMs: number;
  headers: Record<string, string>;
  load?: ResolvedLoadOptions;
  /** Strings that must never appear in a report. */
  secrets: string[];
}

export async function resolveSmokeOptions(options: SmokeOptions): Promise<ResolvedSmoke> {
  const base = parseTarget(options.url);
  const given = options.config === undefined ? {} : await validateConfig(options.config);
  const profileName = options.profile ?? given.profile ?? 'n1v1';
  const profile = SMOKE_PROFILES[profileName];
  if (!profile)
    throw new SmokeError(
      'E_CONFIG_INVALID',
      `profile "${profileName}" is not known; use one of ${Object.keys(SMOKE_PROFILES).join(', ')}`,
    );
  const config = withPaths(given, profile, options.paths ?? {});
  const timeoutMs = options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const waitMs = options.waitMs ?? 0;
  positive('timeoutMs', timeoutMs, false);
  positive('waitMs', waitMs, true);
  const headers: Record<string, string> = { ...config.headers, ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let load: ResolvedLoadOptions | undefined;
  if (options.load) {
    const overrides = typeof options.load === 'object' ? options.load : {};
    load = resolveLoadOptions({
      timeoutMs,
      ...config.load,
      ...defined(overrides),
      url: options.url,
      headers: { ...headers, ...config.load?.headers, ...overrides.headers },
      ...(options.insecure ? { insecure: true } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
    });
  }
  const deadlineMs =
    options.deadlineMs ?? waitMs + 120_000 + (load ? load.durationSec * 1000 + 30_000 : 0);
  positive('deadlineMs', deadlineMs, false);
  const probeHeaders = [config.trading?.probe, ...(config.checks ?? [])].flatMap((p) =>
    secretHeaderValues(p?.headers),
  );
  const secrets = [
    ...(options.token ? [options.token] : []),
    ...secretHeaderValues(headers),
    ...secretHeaderValues(load?.headers),
    ...probeHeaders,
    ...(base.password ? [base.password, decodeURIComponent(base.password)] : []),
  ];
  return {
    base,
    config,
    profile,
    timeoutMs,
    waitMs,
    deadlineMs,
    headers,
    secrets,
    ...(load ? { load } : {}),
  };
}

function positive(name: string, value: number, zeroOk: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!zeroOk && value === 0)) {
    throw new SmokeError(
      'E_CONFIG_INVALID',
      `${name} must be a number of ms ${zeroOk ? '>= 0' : '> 0'}, got ${value}`,
    );
  }
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Each endpoint's path: the option (a flag), else the config's, else the profile's. */
function withPaths(
  config: SmokeConfig,
  profile: SmokeProfile,
  paths: NonNullable<SmokeOptions['paths']>,
): SmokeConfig {
  for (const [name, path] of Object.entries(paths)) {
    if (path !== undefined && !path.startsWith('/'))
      throw new SmokeError(
        'E_CONFIG_INVALID',
        `the ${name} path must start with "/", got "${path}"`,
      );
  }
  const pick = (option: string | undefined, configured: string | undefined, fallback: string) =>
    option ?? configured ?? fallback;
  return {
    ...config,
    health: {
      ...config.health,
      path: pick(paths.health, config.health?.path, profile.paths.health),
    },
    ready: { ...config.ready, path: pick(paths.ready, config.ready?.path, profile.paths.ready) },
    status: {
      ...config.status,
      path: pick(paths.status, config.status?.path, profile.paths.status),
    },
    resources: {
      ...config.resources,
      path: pick(paths.metrics, config.resources?.path, profile.paths.metrics),
    },
  };
}
