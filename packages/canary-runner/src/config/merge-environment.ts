import type {
  DeployerConfig,
  EnvironmentConfig,
  EnvironmentOverrides,
  RouterConfig,
} from './config-types.js';
import { PROBE_ROUTES } from './defaults.js';

/**
 * Layers partial environment blocks over the defaults: objects merge key by key, arrays and
 * scalars replace. A deployer or metrics block of another `type`/`source` replaces the
 * default one whole, so that no option of the default leaks into a different deployer.
 */
export function mergeEnvironment(
  defaults: EnvironmentConfig,
  ...layers: Array<EnvironmentOverrides | undefined>
): EnvironmentConfig {
  let result = structuredClone(defaults);
  let trafficSet = false;
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.traffic?.enabled !== undefined) trafficSet = true;
    const { deployer, metrics, router, ...rest } = layer;
    result = mergeObjects(result, rest) as EnvironmentConfig;
    if (deployer) result.deployer = mergeTyped(result.deployer, deployer, 'type') as DeployerConfig;
    if (router)
      result.router = result.router
        ? (mergeTyped(result.router, router, 'type') as RouterConfig)
        : (structuredClone(router) as RouterConfig);
    if (metrics)
      result.metrics = withMetricsDefaults(mergeTyped(result.metrics, metrics, 'source'));
  }
  // Synthetic traffic is only safe by default where we own both processes.
  if (!trafficSet) result.traffic.enabled = result.deployer.type === 'local';
  return result;
}

function mergeTyped<T extends object>(base: T, layer: Partial<T>, key: keyof T): T {
  const kind = layer[key] ?? base[key];
  if (kind !== base[key]) return structuredClone(layer) as T;
  return mergeObjects(base, layer) as T;
}

function withMetricsDefaults(metrics: EnvironmentConfig['metrics']): EnvironmentConfig['metrics'] {
  const withRoutes = { ...metrics, excludeRoutes: metrics.excludeRoutes ?? PROBE_ROUTES };
  if (withRoutes.source === 'scrape')
    return { ...withRoutes, readsPerInterval: withRoutes.readsPerInterval ?? 4 };
  return {
    ...withRoutes,
    scrapeIntervalSec: withRoutes.scrapeIntervalSec ?? 15,
    queries: withRoutes.queries ?? [],
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Exported for tests: a key-by-key merge where `undefined` in the layer keeps the base. */
export function mergeObjects(base: unknown, layer: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(layer)) return layer === undefined ? base : layer;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    out[key] =
      isPlainObject(value) && isPlainObject(base[key]) ? mergeObjects(base[key], value) : value;
  }
  return out;
}
