import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_ROUTES } from '../src/config/defaults.js';
import { METRIC_PRESETS } from '../src/metrics/mapping/presets.js';
import { scrapeSource } from '../src/metrics/scrape-source.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import {
  type MetricsServer,
  requestMetrics,
  startMetricsServer,
} from './helpers/metrics-server.js';

const services: Array<{ close(): Promise<void> }> = [];
const servers: MetricsServer[] = [];
const workspaces: Array<ReturnType<typeof canaryWorkspace>> = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(workspaces.splice(0).map((w) => w.cleanup()));
});

const quiet = { log: () => {} };
const sum = (bins: Array<{ requests: number; errors: number }>) =>
  bins.reduce((s, b) => ({ requests: s.requests + b.requests, errors: s.errors + b.errors }), {
    requests: 0,
    errors: 0,
  });

/** `count` requests to the ticker route, one after the other (bounded: a handful each). */
async function send(service: RunningService, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await (await fetch(`${service.url}/api/v1/ticker/BTC-USD`)).arrayBuffer();
}

const source = (canaryUrl: string, baselineUrl: string, timeoutMs = 2000) =>
  scrapeSource({
    canaryUrl,
    baselineUrl,
    mapping: METRIC_PRESETS['health-server'],
    excludeRoutes: PROBE_ROUTES,
    timeoutMs,
  });

/** `requests` answered so far, none failed, all within the one `+Inf` bucket. */
const answered = (requests: number) => requestMetrics(requests, 0, [['+Inf', requests]]);

/** Two stand-in targets that have answered `requests` each, and a started source on them. */
async function startedPair(requests: number) {
  const canary = await startMetricsServer();
  const baseline = await startMetricsServer();
  servers.push(canary, baseline);
  canary.metrics = answered(requests);
  baseline.metrics = answered(requests);
  const metrics = source(canary.url, baseline.url, 300);
  await metrics.start();
  return { canary, baseline, metrics };
}

describe('sub-interval reads of the scrape source', () => {
  it('cut the interval of the real example service into bins, in time order, that sum to it', async () => {
    const canary = await startExampleService({
      port: 0,
      version: '1.1.0',
      errorRate: 0.5,
      ...quiet,
    });
    const baseline = await startExampleService({ port: 0, version: '1.0.0', ...quiet });
    services.push(canary, baseline);
    const metrics = source(canary.url, baseline.url);
    await metrics.start();
    const sent = [12, 0, 7, 5];
    for (const [j, count] of sent.entries()) {
      // health-server renders /metrics at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await send(canary, count);
      await send(baseline, count);
      if (j < sent.length - 1) await metrics.readBetween!();
    }
    const poll = await metrics.poll();
    expect(poll.problems).toEqual([]);
    expect(poll.reads!.canary!.map((b) => b.requests)).toEqual(sent);
    expect(poll.reads!.baseline!.map((b) => b.requests)).toEqual(sent);
    expect(sum(poll.reads!.canary!)).toEqual({
      requests: poll.canary!.requests,
      errors: poll.canary!.errors,
    });
    expect(poll.canary!.errors).toBeGreaterThan(0);
    expect(sum(poll.reads!.baseline!)).toEqual({ requests: 24, errors: 0 });
    // The next interval starts where this one ended.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await send(canary, 3);
    await metrics.readBetween!();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await metrics.poll();
    expect(next.reads!.canary!.map((b) => b.requests)).toEqual([3, 0]);
    expect(next.canary!.requests).toBe(3);
    await metrics.stop!();
  });

  it('merge a read that failed into the next bin, and count a reset counter as the deltas do', async () => {
    const { canary, metrics } = await startedPair(100);
    canary.metrics = answered(150);
    await metrics.readBetween!();
    canary.metrics = answered(180);
    canary.delayMs = 600;
    await metrics.readBetween!();
    canary.delayMs = 0;
    canary.metrics = answered(200);
    await metrics.readBetween!();
    // The process restarted: its counter starts again from 0.
    canary.metrics = answered(30);
    const poll = await metrics.poll();
    expect(poll.reads!.canary!.map((b) => b.requests)).toEqual([50, 50, 30]);
    expect(poll.reads!.baseline!.map((b) => b.requests)).toEqual([0, 0, 0, 0]);
  });

  it('keep the bins of a side whose poll failed for its next poll, in time order', async () => {
    const { baseline, metrics } = await startedPair(0);
    baseline.metrics = answered(10);
    await metrics.readBetween!();
    baseline.delayMs = 600;
    const failed = await metrics.poll();
    expect(failed.baseline).toBeNull();
    expect(failed.reads).toEqual({
      canary: [
        { requests: 0, errors: 0 },
        { requests: 0, errors: 0 },
      ],
    });
    baseline.delayMs = 0;
    baseline.metrics = answered(25);
    const next = await metrics.poll();
    expect(next.reads!.baseline!.map((b) => b.requests)).toEqual([10, 15]);
  });

  it('are not given when nothing read between polls (the bake), and are in the dry-run plan', async () => {
    const canary = await startMetricsServer();
    servers.push(canary);
    canary.metrics = answered(5);
    const metrics = source(canary.url, canary.url);
    await metrics.start();
    expect((await metrics.poll()).reads).toBeUndefined();
    const planned = scrapeSource({
      canaryUrl: canary.url,
      mapping: METRIC_PRESETS['health-server'],
      excludeRoutes: [],
      timeoutMs: 2000,
      readsPerInterval: 4,
    }).plan();
    expect(planned.map((a) => a.summary)).toEqual([
      `GET ${canary.url}/metrics every interval (http_requests_total by status_code and http_request_duration_seconds deltas), 4 times per interval while the environment's kept history is shorter than analysis.baselineHistorySec`,
    ]);
  });
});

describe('the monitor with sub-interval reads', () => {
  /** A short run of the real runner against two in-process example services. */
  async function run(
    workspace: ReturnType<typeof canaryWorkspace>,
    canary: { url: string },
    baseline: { url: string },
  ) {
    return runCanary({
      cwd: workspace.cwd,
      version: '1.1.0',
      handleSignals: false,
      notifier: null,
      canaryUrl: canary.url,
      baselineUrl: baseline.url,
      deployer: { type: 'command', deploy: 'true', rollback: 'true' },
      smoke: { enabled: false },
      traffic: { enabled: true, ratePerSec: 20 },
      // Two reads 1.25 s apart in each 2.5 s interval (at most as many as fit that far apart).
      monitor: { durationSec: 5, intervalSec: 2.5 },
      analysis: { baselineHistorySec: 5, warmupSec: 0 },
    });
  }

  it('reads every target twice an interval 1.25 s apart until the kept history covers the look-back, and leaves no timer behind', async () => {
    const service = await startExampleService({ port: 0, version: '1.1.0', ...quiet });
    const baseline = await startExampleService({ port: 0, version: '1.0.0', ...quiet });
    const canary = await countingProxy(service);
    services.push(canary, service, baseline);
    const workspace = canaryWorkspace();
    workspaces.push(workspace);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const first = await run(workspace, canary, baseline);
    expect(timers()).toBeLessThanOrEqual(before);
    const history = (r: typeof first) => r.timeline.find((e) => e.event === 'monitor.history')!;
    expect(history(first).detail).toMatch(
      /^no baseline history.*; 2 reads per interval until the kept history covers analysis\.baselineHistorySec$/,
    );
    const scrapes = canary.scrapes;
    // 1 at the start, then 2 in each of the 2 looks (and the ones of the extension, if any).
    expect(scrapes).toBeGreaterThanOrEqual(5);
    const second = await run(workspace, canary, baseline);
    expect(history(second).detail).toMatch(/^baseline history: 2 intervals/);
    expect(history(second).detail).not.toMatch(/reads per interval/);
    const more = canary.scrapes - scrapes;
    expect(more).toBeLessThan(scrapes);
    expect(second.verdict).toBe('ready');
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

/** A pass-through proxy in front of `target` that counts the reads of /metrics. */
async function countingProxy(target: RunningService) {
  let scrapes = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/metrics') scrapes++;
    const upstream = request(new URL(req.url ?? '/', target.url), {
      method: req.method,
      headers: req.headers,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get scrapes() {
      return scrapes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
