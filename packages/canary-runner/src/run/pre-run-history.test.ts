import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TargetWindow } from '@n1v1/canary-analysis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../config/load-config.js';
import { METRIC_PRESETS } from '../metrics/mapping/presets.js';
import { prometheusSource } from '../metrics/prometheus-source.js';
import { scrapeSource } from '../metrics/scrape-source.js';
import { carriedHistoryPath, carryHistory, preRunHistory } from './pre-run-history.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function config(overrides: { intervalSec?: number; baselineHistorySec?: number } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'n1v1-history-'));
  dirs.push(cwd);
  return loadCanaryConfig({
    cwd,
    overrides: {
      monitor: { intervalSec: overrides.intervalSec ?? 5 },
      analysis: { baselineHistorySec: overrides.baselineHistorySec ?? 30 },
    },
  });
}

const interval = (errors: number): TargetWindow => ({
  requests: 250,
  errors,
  latency: [
    { le: 0.05, count: 240 },
    { le: Number.POSITIVE_INFINITY, count: 10 },
  ],
  routes: { '/api': { requests: 250, errors } },
});

/** A scrape source: it keeps no history of its own. */
const scrape = () =>
  scrapeSource({
    canaryUrl: 'http://127.0.0.1:1',
    baselineUrl: 'http://127.0.0.1:1',
    mapping: METRIC_PRESETS['health-server'],
    excludeRoutes: [],
    timeoutMs: 500,
  });

describe("the baseline's history before a run", () => {
  it("is none on an environment's first scrape run, and the next runs get the baseline intervals of the earlier ones", async () => {
    const c = config();
    const first = await preRunHistory(c, scrape(), true);
    expect(first.intervals).toEqual([]);
    expect(first.detail).toBe(
      "no baseline history yet: the first run of staging learns the baseline's variation from its own intervals only",
    );
    expect(carryHistory(c, [interval(1), interval(9), interval(0)])).toBeUndefined();
    expect(carryHistory(c, [interval(2), interval(3), interval(4), interval(5)])).toBeUndefined();
    const next = await preRunHistory(c, scrape(), true);
    // 30 s of 5 s intervals: the six newest, counts and buckets (+Inf read back), no routes.
    expect(next.intervals.map((w) => w.errors)).toEqual([9, 0, 2, 3, 4, 5]);
    expect(next.intervals[0]).toEqual({ ...interval(9), routes: undefined });
    expect(next.intervals[0]!.latency.at(-1)!.le).toBe(Number.POSITIVE_INFINITY);
    expect(next.detail).toBe("baseline history: 6 intervals of the environment's earlier runs");
  });

  it('is not used when the run has no baseline or the look-back is 0', async () => {
    const c = config();
    carryHistory(c, [interval(1), interval(2), interval(3)]);
    expect((await preRunHistory(c, scrape(), false)).detail).toBe(
      'no baseline history: the run has no baseline',
    );
    const off = { ...c, analysis: { ...c.analysis, baselineHistorySec: 0 } };
    expect(await preRunHistory(off, scrape(), true)).toEqual({
      intervals: [],
      detail: 'no baseline history: analysis.baselineHistorySec is 0',
    });
    expect(carryHistory(off, [interval(1)])).toBeUndefined();
  });

  it('ignores intervals kept at another interval length, too old, or unreadable', async () => {
    const c = config();
    carryHistory(c, [interval(1), interval(2), interval(3)]);
    expect((await preRunHistory(config({ intervalSec: 10 }), scrape(), true)).intervals).toEqual(
      [],
    );
    const eightDaysLater = Date.now() + 8 * 24 * 3600 * 1000;
    expect((await preRunHistory(c, scrape(), true, eightDaysLater)).intervals).toEqual([]);
    writeFileSync(carriedHistoryPath(c.stateDir, c.env), '{ not json');
    expect((await preRunHistory(c, scrape(), true)).intervals).toEqual([]);
  });

  it('says why it could not keep the intervals, without failing the run', () => {
    const c = config();
    const path = carriedHistoryPath(c.stateDir, c.env);
    // A directory where the file goes: the rename fails.
    mkdirSync(path, { recursive: true });
    writeFileSync(join(dirname(path), 'staging.json', 'x'), '');
    expect(carryHistory(c, [interval(1)])).toMatch(
      /^could not keep the baseline's intervals for the next run: /,
    );
  });

  it("falls back to the earlier runs' intervals when Prometheus cannot be read, and says so", async () => {
    const c = config();
    carryHistory(c, [interval(1), interval(2), interval(3)]);
    const unreachable = prometheusSource({
      config: {
        source: 'prometheus',
        url: 'http://127.0.0.1:1',
        canarySelector: 'job="canary"',
        baselineSelector: 'job="baseline"',
        scrapeIntervalSec: 1,
        excludeRoutes: [],
        queries: [],
      },
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 5,
      timeoutMs: 500,
    });
    const history = await preRunHistory(c, unreachable, true);
    expect(history.intervals).toHaveLength(3);
    expect(history.detail).toMatch(
      /^could not read the baseline's history from Prometheus \(.+\); baseline history: 3 intervals of the environment's earlier runs$/,
    );
  });
});
