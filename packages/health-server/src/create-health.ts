import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import { createRedactor, secretsFromEnv } from '@n1v1/redact';
import { Registry } from 'prom-client';
import { CachedCheck } from './checks/cached-check.js';
import { CheckGroup } from './checks/check-group.js';
import type { CheckKind } from './checks/check-types.js';
import { resolveCheck } from './checks/resolve-check.js';
import type { Health } from './health.js';
import { HealthError } from './health-error.js';
import type { HealthOptions } from './health-options.js';
import { attachToServer } from './http/attach.js';
import { bearerMatcher } from './http/caller-access.js';
import { Endpoints } from './http/endpoints.js';
import { expressRouter } from './http/express-router.js';
import { healthBody } from './http/health-body.js';
import { nodeHandler, nodeRequestListener } from './http/node-handler.js';
import { statusBody } from './http/status-body.js';
import { addressMatcher } from './http/trusted-addresses.js';
import { Lifecycle } from './lifecycle.js';
import { createHealthMetrics } from './metrics/health-metrics.js';
import { createMetricsMiddleware, instrumentListener } from './metrics/metrics-middleware.js';
import { createRequestRecorder } from './metrics/request-recorder.js';
import { resolveOptions } from './resolve-options.js';
import type { StatusProvider } from './response-types.js';
import { installGracefulShutdown } from './shutdown/graceful-shutdown.js';

/**
 * Creates the health object of one service: register checks and a status provider, mount
 * `router()` and `metricsMiddleware()`, and install `gracefulShutdown(server)`.
 */
export function createHealth(options: HealthOptions): Health {
  const resolved = resolveOptions(options);
  const startedAt = performance.now();
  const redact = createRedactor([
    ...resolved.secrets,
    ...(resolved.redactEnv ? secretsFromEnv(process.env) : []),
  ]);
  const lifecycle = new Lifecycle();
  const registry = options.metrics?.registry ?? new Registry();
  const metrics = createHealthMetrics(registry, resolved);
  const record = createRequestRecorder(metrics, resolved.maxRouteLabels);
  const groups: Record<CheckKind, CheckGroup> = {
    liveness: new CheckGroup(),
    readiness: new CheckGroup(),
  };
  const names = new Set<string>();
  const servers = new Set<Server>();
  let provider: StatusProvider | undefined;
  let closed: Promise<void> | undefined;

  const tokenOk = resolved.detailsToken ? bearerMatcher(resolved.detailsToken) : () => false;
  const trusted =
    resolved.trustedAddresses.length > 0
      ? addressMatcher(resolved.trustedAddresses, 'createHealth: "details.trustedAddresses"')
      : () => false;
  const canSeeDetails = (req: IncomingMessage) => tokenOk(req) || trusted(req);
  const canScrape = resolved.metricsToken ? bearerMatcher(resolved.metricsToken) : () => true;
  const identity = {
    version: resolved.version,
    releaseId: resolved.releaseId,
    serviceId: resolved.serviceId,
    ...(resolved.description === undefined ? {} : { description: resolved.description }),
  };
  const status = () =>
    statusBody({
      service: resolved.service,
      version: resolved.version,
      releaseId: resolved.releaseId,
      environment: resolved.environment,
      startedAt,
      lifecycle,
      groups: [groups.liveness, groups.readiness],
      provider: () => provider,
      providerTimeoutMs: resolved.statusTimeoutMs,
      redact,
      logger: resolved.logger,
    });
  const endpoints = new Endpoints({
    identity,
    paths: resolved.paths,
    lifecycle,
    startup: resolved.startup,
    liveness: groups.liveness,
    readiness: groups.readiness,
    registry,
    metricsCacheMs: resolved.metricsCacheMs,
    metricsMaxConcurrent: resolved.metricsMaxConcurrent,
    canSeeDetails,
    canScrape,
    status,
    logger: resolved.logger,
    redact,
  });
  const handle = nodeHandler(endpoints);

  const register = (kind: CheckKind, name: string, check: unknown, checkOptions: unknown) => {
    const spec = resolveCheck(kind, name, check, checkOptions ?? {}, resolved);
    if (names.has(spec.name)) {
      throw new HealthError(
        'E_CONFIG_INVALID',
        `health.${kind}(): a check named "${spec.name}" is already registered; give each check its own name`,
      );
    }
    names.add(spec.name);
    metrics.checkTimeouts.inc({ check: spec.name }, 0);
    groups[kind].add(new CachedCheck(spec, redact, metrics.observeCheck));
    return health;
  };

  const health: Health = {
    registry,
    get state() {
      return lifecycle.state;
    },
    readiness: (name, check, checkOptions) => register('readiness', name, check, checkOptions),
    liveness: (name, check, checkOptions) => register('liveness', name, check, checkOptions),
    status(next) {
      if (typeof next !== 'function') {
        throw new HealthError(
          'E_CONFIG_INVALID',
          'health.status(): pass a function that returns the status fields, e.g. () => ({ trading: { mode: "paper", enabled: true } })',
        );
      }
      provider = next;
      return health;
    },
    ready: () => lifecycle.markRunning(),
    beginShutdown: () => lifecycle.markStopping(),
    async evaluate(kind) {
      return healthBody(identity, await groups[kind].evaluate(), true);
    },
    statusReport: status,
    clearCache() {
      groups.liveness.invalidate();
      groups.readiness.invalidate();
    },
    router: () => expressRouter(endpoints, resolved.paths),
    metricsMiddleware: (middlewareOptions) => createMetricsMiddleware(record, middlewareOptions),
    handle,
    requestListener: () => nodeRequestListener(handle),
    instrument: (listener, middlewareOptions) =>
      instrumentListener(listener, record, middlewareOptions),
    attach: (server) => attachToServer(server, handle),
    listen(port, host) {
      const server = createServer(nodeRequestListener(handle));
      servers.add(server);
      return new Promise((resolve, reject) => {
        const fail = (error: Error) => {
          servers.delete(server);
          const where = `${host ?? '*'}:${port}`;
          reject(
            new HealthError(
              'E_CONFIG_INVALID',
              `health.listen(): cannot listen on ${where}: ${error.message}`,
            ),
          );
        };
        server.once('error', fail);
        try {
          server.listen(port, host, () => resolve(server));
        } catch (error) {
          fail(error as Error);
        }
      });
    },
    gracefulShutdown(server, shutdownOptions) {
      return installGracefulShutdown(
        server,
        { lifecycle, logger: resolved.logger, redact, closeHealth: () => health.close() },
        shutdownOptions,
      );
    },
    close() {
      closed ??= (async () => {
        for (const group of Object.values(groups))
          for (const check of group.all()) check.spec.close?.();
        await Promise.all([...servers].map(closeQuickly));
        servers.clear();
      })();
      return closed;
    },
  };
  return health;
}

function closeQuickly(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
