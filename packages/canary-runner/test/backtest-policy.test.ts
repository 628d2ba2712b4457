import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestPolicy } from '../src/backtest/backtest-policy.js';
import { loadCanaryConfig } from '../src/config/load-config.js';
import { type PresetService, startPresetService } from './helpers/preset-service.js';
import { type RunningPrometheus, startPrometheus, waitForScrapes } from './helpers/prometheus.js';

let steady: PresetService;
let broken: PresetService;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  steady = await startPresetService('health-server', { rps: 400 });
  broken = await startPresetService('health-server', { rps: 400 });
  prometheus = await startPrometheus({ steady: steady.url, broken: broken.url });
  await waitForScrapes(prometheus.url, 'broken', 12);
  // From here on the second one fails 40 % of its requests: the windows after it must fail.
  broken.errorRate = 0.4;
  await waitForScrapes(prometheus.url, 'broken', 20);
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await steady?.close();
  await broken?.close();
});

const backtest = (job: string) =>
  backtestPolicy({
    config: loadCanaryConfig({
      cwd: '/nonexistent-n1v1-backtest',
      overrides: {
        monitor: { durationSec: 3, intervalSec: 1 },
        analysis: { insufficientData: 'fail' },
        metrics: {
          source: 'prometheus',
          url: prometheus.url,
          canarySelector: `job="${job}"`,
          baselineSelector: `job="${job}"`,
          scrapeIntervalSec: 1,
        },
      },
    }),
    hours: 20 / 3600,
  });

describe('backtestPolicy, against a real Prometheus', () => {
  it('replays the policy on the recorded history and reports the runs that would have failed', async () => {
    const quiet = await backtest('steady');
    expect(quiet.windows).toBeGreaterThanOrEqual(3);
    expect(quiet.rollbacks).toEqual([]);
    expect(quiet.falseRollbackRate).toBe(0);
    expect(quiet.interval.high).toBeGreaterThan(0);
    const noisy = await backtest('broken');
    expect(noisy.rollbacks.length).toBeGreaterThanOrEqual(1);
    expect(noisy.rollbacks[0]).toMatchObject({ status: 'fail', look: expect.any(Number) });
    expect(noisy.rollbacks[0]!.reason).toMatch(/error rate/);
    expect(noisy.falseRollbackRate).toBeGreaterThan(0);
  });

  it('says what Prometheus rejected when a range query fails', async () => {
    const { rangeQuery } = await import('../src/backtest/range-query.js');
    await expect(
      rangeQuery(prometheus.url, 'sum(', { startSec: 0, endSec: 10, stepSec: 1 }, 5000),
    ).rejects.toThrow(/^Prometheus rejected sum\(: .*parse error/);
  });

  it('skips the windows whose history has a gap', async () => {
    const { createServer } = await import('node:http');
    const endSec = 1_000_000;
    // 40 s of steady traffic, with nothing recorded from 14 s to 20 s.
    const times = Array.from({ length: 41 }, (_, i) => endSec - 40 + i).filter(
      (t) => t < endSec - 26 || t > endSec - 20,
    );
    const server = createServer((req, res) => {
      const query = new URL(req.url!, 'http://x').searchParams.get('query') ?? '';
      const series = query.includes('_bucket')
        ? [{ metric: { le: '+Inf' }, values: times.map((t) => [t, String(100 * t)]) }]
        : [{ metric: { status_code: '200' }, values: times.map((t) => [t, String(100 * t)]) }];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const result = await backtestPolicy({
      config: loadCanaryConfig({
        cwd: '/nonexistent-n1v1-backtest',
        overrides: {
          monitor: { durationSec: 3, intervalSec: 1 },
          analysis: { insufficientData: 'fail' },
          metrics: {
            source: 'prometheus',
            url: `http://127.0.0.1:${port}`,
            canarySelector: 'job="x"',
            baselineSelector: 'job="x"',
          },
        },
      }),
      hours: 40 / 3600,
      nowMs: endSec * 1000,
    });
    server.close();
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    expect(result.windows).toBeGreaterThanOrEqual(5);
    expect(result.rollbacks).toEqual([]);
  });

  it('refuses an environment that does not read Prometheus, saying what to set', async () => {
    await expect(
      backtestPolicy({ config: loadCanaryConfig({ cwd: '/nonexistent-n1v1-backtest' }) }),
    ).rejects.toThrow(
      'environments.staging.metrics: a backtest replays history from Prometheus; set metrics.source to "prometheus" with a baselineSelector',
    );
  });
});
