import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { CheckGroup, Evaluation } from '../checks/check-group.js';
import { describeFailure } from '../describe-failure.js';
import type { HealthLogger, HealthPaths } from '../health-options.js';
import type { Lifecycle } from '../lifecycle.js';
import { MetricsCache } from '../metrics/metrics-cache.js';
import { markHealthRoute } from '../metrics/metrics-middleware.js';
import { acceptsOpenMetrics, CONTENT_TYPES } from '../metrics/render-metrics.js';
import type { StatusBody } from '../response-types.js';
import { BodyCache } from './body-cache.js';
import { type BodyIdentity, healthBody } from './health-body.js';
import { routePath } from './request-path.js';
import { HEALTH_JSON_TYPE, JSON_TYPE, send, sendError } from './send.js';

export interface EndpointSources {
  identity: BodyIdentity;
  paths: HealthPaths;
  lifecycle: Lifecycle;
  startup: 'first-pass' | 'manual';
  liveness: CheckGroup;
  readiness: CheckGroup;
  registry: Registry;
  /** How long one rendering of `/metrics` serves every scrape, in ms. */
  metricsCacheMs: number;
  /** Scrapes answered at once; more get 429. */
  metricsMaxConcurrent: number;
  canSeeDetails: (req: IncomingMessage) => boolean;
  canScrape: (req: IncomingMessage) => boolean;
  status: () => Promise<StatusBody>;
  logger: HealthLogger;
  redact: (text: string) => string;
}

export type EndpointName = keyof HealthPaths;

const ALLOW = { Allow: 'GET, HEAD' };

/** The four contract routes, written against node:http so express and plain servers share them. */
export class Endpoints {
  private readonly byPath: Map<string, EndpointName>;
  private readonly bodies = new BodyCache();
  private readonly metricsText: MetricsCache;
  private scrapesInFlight = 0;

  constructor(private readonly sources: EndpointSources) {
    this.metricsText = new MetricsCache(sources.registry, sources.metricsCacheMs);
    this.byPath = new Map(
      Object.entries(sources.paths).map(([name, path]) => [
        path.toLowerCase(),
        name as EndpointName,
      ]),
    );
  }

  /** Which contract route a request targets, ignoring query string, trailing slash and case. */
  match(req: IncomingMessage): EndpointName | undefined {
    const url = req.url;
    // A probe asks for the path exactly as configured: found without normalizing a copy.
    return (
      (url === undefined ? undefined : this.byPath.get(url)) ?? this.byPath.get(routePath(url))
    );
  }

  /** Serves one contract route; GET and HEAD only, anything else 405 with `Allow`. */
  serve(name: EndpointName, req: IncomingMessage, res: ServerResponse): void {
    markHealthRoute(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, `${req.method} is not allowed here; use GET or HEAD`, ALLOW);
      return;
    }
    let answered: void | Promise<void>;
    try {
      answered = this[name](req, res);
    } catch (error) {
      answered = Promise.reject(error);
    }
    if (answered instanceof Promise)
      answered.catch((error: unknown) => this.fail(res, name, error));
  }

  private health(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const evaluation = this.sources.liveness.evaluate();
    if (!(evaluation instanceof Promise)) return this.answer(req, res, evaluation);
    return evaluation.then((done) => this.answer(req, res, done));
  }

  private async ready(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { lifecycle } = this.sources;
    if (lifecycle.is('stopping')) return this.refuse(req, res, 'shutting down');
    const evaluation = await this.sources.readiness.evaluate();
    if (this.sources.startup === 'first-pass' && evaluation.status !== 'fail') {
      lifecycle.markRunning();
    }
    // Checked again after the await: shutdown may have begun while the checks ran.
    if (lifecycle.is('stopping')) return this.refuse(req, res, 'shutting down');
    if (lifecycle.is('starting')) return this.refuse(req, res, 'starting', evaluation);
    this.answer(req, res, evaluation);
  }

  private async metrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.sources.canScrape(req)) {
      sendError(res, 401, 'metrics need "Authorization: Bearer <token>"', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
      return;
    }
    // Prometheus scrapes a target one request at a time: more at once is a flood, and writing
    // a large body to each of them would hold up /health as surely as rendering would.
    if (this.scrapesInFlight >= this.sources.metricsMaxConcurrent) {
      sendError(res, 429, 'too many concurrent scrapes; retry later', { 'Retry-After': '1' });
      return;
    }
    this.scrapesInFlight++;
    res.once('close', () => this.scrapesInFlight--);
    const format = acceptsOpenMetrics(req.headers.accept) ? 'openmetrics' : 'prometheus';
    send(res, 200, CONTENT_TYPES[format], await this.metricsText.render(format));
  }

  private async status(_req: IncomingMessage, res: ServerResponse): Promise<void> {
    send(res, 200, JSON_TYPE, JSON.stringify(await this.sources.status()));
  }

  private answer(req: IncomingMessage, res: ServerResponse, evaluation: Evaluation): void {
    const details = this.sources.canSeeDetails(req);
    const body = this.bodies.get(evaluation, details, () =>
      JSON.stringify(healthBody(this.sources.identity, evaluation, details)),
    );
    send(res, evaluation.status === 'fail' ? 503 : 200, HEALTH_JSON_TYPE, body);
  }

  private refuse(
    req: IncomingMessage,
    res: ServerResponse,
    why: string,
    evaluation: Evaluation = { status: 'fail', results: [] },
  ): void {
    const details = this.sources.canSeeDetails(req);
    const body = healthBody(this.sources.identity, evaluation, details, {
      status: 'fail',
      output: why,
    });
    send(res, 503, HEALTH_JSON_TYPE, JSON.stringify(body));
  }

  private fail(res: ServerResponse, name: EndpointName, error: unknown): void {
    this.sources.logger.error(
      `${name} endpoint failed: ${describeFailure(error, this.sources.redact)}`,
    );
    if (!res.headersSent) sendError(res, 500, 'internal error');
    else res.destroy();
  }
}
