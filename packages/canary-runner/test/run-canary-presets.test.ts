import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPreset } from '../src/metrics/mapping/metric-mapping.js';
import { PRESET_NAMES } from '../src/metrics/mapping/presets.js';
import { runCanary } from '../src/run/run-canary.js';
import { verdictExitCode } from '../src/run/verdict-exit-code.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type PresetService, startPresetService } from './helpers/preset-service.js';
import { type RunningPrometheus, startPrometheus, waitForScrapes } from './helpers/prometheus.js';

/** Per preset: a baseline, a healthy canary and a canary that fails every request. */
interface Trio {
  baseline: PresetService;
  healthy: PresetService;
  failing: PresetService;
}

const trios = new Map<MetricPreset, Trio>();
const workspaces: Array<ReturnType<typeof canaryWorkspace>> = [];
let prometheus: RunningPrometheus;

beforeAll(async () => {
  for (const preset of PRESET_NAMES) {
    trios.set(preset, {
      baseline: await startPresetService(preset),
      healthy: await startPresetService(preset),
      failing: await startPresetService(preset, { errorRate: 1 }),
    });
  }
  const jobs: Record<string, string> = {};
  for (const [preset, trio] of trios)
    for (const [side, service] of Object.entries(trio)) jobs[`${preset}-${side}`] = service.url;
  prometheus = await startPrometheus(jobs);
  await waitForScrapes(prometheus.url, 'istio-failing', 2);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  for (const trio of trios.values()) for (const s of Object.values(trio)) await s.close();
  for (const w of workspaces) await w.cleanup();
});

/** One run of the real runner: the command deployer with no-op scripts, no smoke, short looks. */
function run(canaryUrl: string, baselineUrl: string, extra: Record<string, unknown>) {
  const workspace = canaryWorkspace();
  workspaces.push(workspace);
  return runCanary({
    cwd: workspace.cwd,
    version: '1.0.0',
    handleSignals: false,
    notifier: null,
    canaryUrl,
    baselineUrl,
    deployer: { type: 'command', deploy: 'true', rollback: 'true' },
    smoke: { enabled: false },
    traffic: { enabled: false },
    ...extra,
  });
}

describe('canaries instrumented by each preset, judged by the real runner', () => {
  it('passes the healthy canary and rolls back the one failing every request, from their own /metrics', async () => {
    const reports = await Promise.all(
      PRESET_NAMES.flatMap((preset) => {
        const trio = trios.get(preset)!;
        const extra = {
          metrics: { source: 'scrape', preset, excludeRoutes: [] },
          monitor: { durationSec: 2, intervalSec: 0.5 },
        };
        return [
          run(trio.healthy.url, trio.baseline.url, extra).then((r) => ({
            preset,
            healthy: true,
            r,
          })),
          run(trio.failing.url, trio.baseline.url, extra).then((r) => ({
            preset,
            healthy: false,
            r,
          })),
        ];
      }),
    );
    for (const { preset, healthy, r } of reports) {
      const what = `${preset} ${healthy ? 'healthy' : 'failing'}: ${r.reason}`;
      expect(r.verdict, what).toBe(healthy ? 'ready' : 'rolled-back');
      if (!healthy)
        expect(r.reason, what).toMatch(/^error rate 100\.00% \(\d+\/\d+\) above the limit/);
    }
  });

  it('judges the same canaries through Prometheus, by the preset names in PromQL', async () => {
    const reports = await Promise.all(
      PRESET_NAMES.flatMap((preset) => {
        const trio = trios.get(preset)!;
        const extra = (side: 'healthy' | 'failing') => ({
          metrics: {
            source: 'prometheus',
            preset,
            url: prometheus.url,
            canarySelector: `job="${preset}-${side}"`,
            baselineSelector: `job="${preset}-baseline"`,
            scrapeIntervalSec: 1,
            excludeRoutes: [],
          },
          monitor: { durationSec: 4, intervalSec: 1 },
        });
        return [
          run(trio.healthy.url, trio.baseline.url, extra('healthy')).then((r) => ({
            preset,
            healthy: true,
            r,
          })),
          run(trio.failing.url, trio.baseline.url, extra('failing')).then((r) => ({
            preset,
            healthy: false,
            r,
          })),
        ];
      }),
    );
    for (const { preset, healthy, r } of reports) {
      const what = `${preset} ${healthy ? 'healthy' : 'failing'}: ${r.reason}`;
      expect(r.metricsSource).toBe('prometheus');
      expect(r.verdict, what).toBe(healthy ? 'ready' : 'rolled-back');
      if (!healthy)
        expect(r.reason, what).toMatch(/^error rate 100\.00% \(\d+\/\d+\) above the limit/);
    }
  });

  it('fails the run once its metrics stay unreadable past the consecutive error limit', async () => {
    const gone = await startPresetService('health-server');
    await gone.close();
    const report = await run(gone.url, trios.get('health-server')!.baseline.url, {
      monitor: {
        durationSec: 4,
        intervalSec: 0.5,
        maxHealthFailures: 50,
        consecutiveErrorLimit: 2,
      },
    });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^3 looks in a row without a reading \(consecutiveErrorLimit 2\): could not scrape the canary's \/metrics: connection refused$/,
    );
    expect(report.looks.map((l) => l.status)).toEqual(['error', 'error', 'error']);
    const sick = await startPresetService('health-server', { healthStatus: 503 });
    const unhealthy = await run(sick.url, trios.get('health-server')!.baseline.url, {
      monitor: { durationSec: 4, intervalSec: 0.5 },
    });
    await sick.close();
    expect(unhealthy.reason).toMatch(
      /^health check failed 2 times in a row: GET \/health answered 503/,
    );
  });

  it('never passes a service whose metrics it cannot read: non-zero, with the mapping hint', async () => {
    const bundle = trios.get('express-prom-bundle')!;
    const go = trios.get('go-promhttp')!;
    const custom = await startPresetService('health-server', {
      exposition: 'myapp_hits_total{result="ok"} 10\nmyapp_latency_bucket{le="+Inf"} 10\n',
    });
    const quick = { monitor: { durationSec: 2, intervalSec: 0.5 } };
    const [wrongPreset, codeLabel, unknown] = await Promise.all([
      run(bundle.healthy.url, bundle.baseline.url, quick),
      run(go.failing.url, go.baseline.url, quick),
      run(custom.url, custom.url, { ...quick, analysis: { insufficientData: 'fail' } }),
    ]);
    await custom.close();
    for (const r of [wrongPreset, codeLabel, unknown]) {
      expect(r.verdict).toBe('rolled-back');
      expect(verdictExitCode(r.verdict)).toBe(1);
    }
    expect(wrongPreset.reason).toBe(
      `metrics contract: the canary's /metrics has no http_requests_total series (found http_request_duration_seconds_count with status_code, as express-prom-bundle exposes it): set metrics.preset to "express-prom-bundle", or map your series with metrics.mapping`,
    );
    expect(codeLabel.reason).toMatch(
      /^metrics contract: the canary's \/metrics has http_requests_total without a readable status in label status_code; set metrics.mapping.statusLabel to "code" .*set metrics.preset to "go-promhttp"/,
    );
    expect(unknown.reason).toMatch(
      /^inconclusive after \d+ s: .*; metrics contract: the canary's \/metrics has no http_requests_total series; set metrics.preset \(health-server, .*\) or metrics.mapping.requestCounter, statusLabel and latencyHistogram$/,
    );
    expect(unknown.analysisOutcome).toBe('inconclusive');
  });
});
