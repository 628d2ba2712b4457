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

  it('refuses an environment that does not read Prometheus, saying what to set', async () => {
    await expect(
      backtestPolicy({ config: loadCanaryConfig({ cwd: '/nonexistent-n1v1-backtest' }) }),
    ).rejects.toThrow(
      'environments.staging.metrics: a backtest replays history from Prometheus; set metrics.source to "prometheus" with a baselineSelector',
    );
  });
});
