import { HealthError } from './health-error.js';
import type { HealthLogger, HealthOptions, HealthPaths } from './health-options.js';
import { numberIn, optionalText, requireText } from './validate.js';

const WHERE = 'createHealth';

/** The contract's histogram buckets, in seconds. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ResolvedOptions {
  service: string;
  version: string;
  releaseId: string;
  environment: string;
  serviceId: string;
  description?: string;
  startup: 'first-pass' | 'manual';
  detailsToken?: string;
  trustedAddresses: string[];
  metricsToken?: string;
  metricsCacheMs: number;
  metricsMaxConcurrent: number;
  defaultMetrics: boolean;
  maxRouteLabels: number;
  buckets: number[];
  timeoutMs: number;
  cacheMs: number;
  paths: HealthPaths;
  secrets: string[];
  redactEnv: boolean;
  statusTimeoutMs: number;
  logger: HealthLogger;
}

/** Checks every option once, at creation, so a misconfiguration fails at startup and not under a probe. */
export function resolveOptions(options: HealthOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${WHERE}: pass an options object, e.g. { service: 'n1v1', version: '1.4.2', releaseId: 'abc123' }`,
    );
  }
  const service = requireText(WHERE, 'service', options.service, '"n1v1"');
  const paths = resolvePaths(options.paths ?? {});
  const detailsToken = optionalText(WHERE, 'details.token', options.details?.token);
  const metricsToken = optionalText(WHERE, 'metrics.token', options.metrics?.token);
  const resolved: ResolvedOptions = {
    service,
    version: requireText(WHERE, 'version', options.version, '"1.4.2"'),
    releaseId: requireText(WHERE, 'releaseId', options.releaseId, 'a commit id such as "abc123"'),
    environment:
      optionalText(WHERE, 'environment', options.environment) ??
      process.env.NODE_ENV ??
      'development',
    serviceId: optionalText(WHERE, 'serviceId', options.serviceId) ?? service,
    startup: resolveStartup(options.startup),
    trustedAddresses: resolveTrustedAddresses(options.details),
    metricsCacheMs: numberIn(WHERE, 'metrics.cacheMs', options.metrics?.cacheMs, 1000, 0),
    metricsMaxConcurrent: numberIn(
      WHERE,
      'metrics.maxConcurrent',
      options.metrics?.maxConcurrent,
      4,
      1,
    ),
    defaultMetrics: options.metrics?.defaultMetrics !== false,
    maxRouteLabels: numberIn(
      WHERE,
      'metrics.maxRouteLabels',
      options.metrics?.maxRouteLabels,
      200,
      1,
    ),
    buckets: resolveBuckets(options.metrics?.buckets),
    timeoutMs: numberIn(
      WHERE,
      'checkDefaults.timeoutMs',
      options.checkDefaults?.timeoutMs,
      1000,
      1,
    ),
    cacheMs: numberIn(WHERE, 'checkDefaults.cacheMs', options.checkDefaults?.cacheMs, 1000, 0),
    paths,
    secrets: [...(options.secrets ?? []), detailsToken, metricsToken].filter(
      (secret): secret is string => typeof secret === 'string',
    ),
    redactEnv: options.redactEnv !== false,
    statusTimeoutMs: numberIn(WHERE, 'statusTimeoutMs', options.statusTimeoutMs, 1000, 1),
    logger: options.logger ?? stderrLogger,
  };
  const description = optionalText(WHERE, 'description', options.description);
  if (description !== undefined) resolved.description = description;
  if (detailsToken !== undefined) resolved.detailsToken = detailsToken;
  if (metricsToken !== undefined) resolved.metricsToken = metricsToken;
  return resolved;
}

function resolveTrustedAddresses(details: HealthOptions['details']): string[] {
  if ((details as { loopback?: unknown } | undefined)?.loopback !== undefined) {
    // Removed on purpose: behind a same-host proxy or sidecar every caller is loopback.
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${WHERE}: "details.loopback" was removed: behind a same-host proxy or sidecar every caller is loopback; use "details.token", or "details.trustedAddresses" where the address really is the caller's`,
    );
  }
  const addresses = details?.trustedAddresses ?? [];
  if (!Array.isArray(addresses)) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${WHERE}: "details.trustedAddresses" must be an array of addresses or CIDR ranges, e.g. ["10.0.0.0/8"]`,
    );
  }
  return addresses;
}

function resolveStartup(value: unknown): 'first-pass' | 'manual' {
  if (value === undefined || value === 'first-pass' || value === 'manual') {
    return value ?? 'first-pass';
  }
  throw new HealthError(
    'E_CONFIG_INVALID',
    `${WHERE}: "startup" must be "first-pass" or "manual" (got ${JSON.stringify(value)})`,
  );
}

function resolvePaths(paths: Partial<HealthPaths>): HealthPaths {
  const resolved: HealthPaths = {
    health: paths.health ?? '/health',
    ready: paths.ready ?? '/ready',
    metrics: paths.metrics ?? '/metrics',
    status: paths.status ?? '/api/v1/status',
  };
  for (const [name, path] of Object.entries(resolved)) {
    if (typeof path !== 'string' || !/^\/[A-Za-z0-9/_.~-]*[A-Za-z0-9_.~-]$/.test(path)) {
      throw new HealthError(
        'E_CONFIG_INVALID',
        `${WHERE}: "paths.${name}" must be a path such as "/${name}" without a trailing slash (got ${JSON.stringify(path)})`,
      );
    }
  }
  if (new Set(Object.values(resolved).map((path) => path.toLowerCase())).size !== 4) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${WHERE}: the four "paths" must differ from each other`,
    );
  }
  return resolved;
}

function resolveBuckets(buckets: unknown): number[] {
  if (buckets === undefined) return DEFAULT_BUCKETS;
  const ok =
    Array.isArray(buckets) &&
    buckets.length > 0 &&
    buckets.every(
      (b, i) =>
        typeof b === 'number' && b > 0 && Number.isFinite(b) && (i === 0 || b > buckets[i - 1]),
    );
  if (!ok) {
    throw new HealthError(
      'E_CONFIG_INVALID',
      `${WHERE}: "metrics.buckets" must be increasing positive numbers of seconds, e.g. [0.01, 0.1, 1]`,
    );
  }
  return buckets as number[];
}

/** Only the shutdown logs info (three lines per shutdown), which belongs in a pod's log. */
const stderrLogger: HealthLogger = {
  info: (message) => process.stderr.write(`health-server: ${message}\n`),
  warn: (message) => process.stderr.write(`health-server: ${message}\n`),
  error: (message) => process.stderr.write(`health-server: ${message}\n`),
};
