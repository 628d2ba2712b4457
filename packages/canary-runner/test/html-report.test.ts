import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReportFile } from '../src/report/write-run-report.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { exampleServiceCommand } from './helpers/example-service.js';
import { headlessChromium } from './helpers/headless-chromium.js';
import { longRunJournal } from './helpers/long-run-journal.js';

/** Screenshots land here, for a person to look at (test-output/ is gitignored). */
const OUTPUT = fileURLToPath(new URL('../test-output/report-screenshots/', import.meta.url));

let browser: Awaited<ReturnType<typeof headlessChromium>>;
let workspace: ReturnType<typeof canaryWorkspace>;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await headlessChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

describe('the HTML report of a run, in headless Chromium', () => {
  it('of a rolled-back demo canary shows the verdict, the failed look and the limit it crossed, drawn without any network request', async () => {
    // The demo's bad canary: the same service answering 5 % of trading requests with 500.
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '1.2.0-bad',
      notifier: null,
      handleSignals: false,
      deployer: {
        type: 'local',
        command: exampleServiceCommand(),
        env: { N1V1_ERROR_RATE: '0.05' },
        keepRunning: false,
      },
      monitor: { durationSec: 12, intervalSec: 3 },
    });
    expect(report.verdict).toBe('rolled-back');
    const file = report.htmlReport!;
    expect(file).toBe(report.journal!.replace(/\.jsonl$/, '.html'));
    expect(statSync(report.journal!.replace(/\.jsonl$/, '.canary.json')).size).toBeGreaterThan(0);

    const url = pathToFileURL(file).href;
    const { page, requests, consoleErrors } = await browser.open(url);
    await page.screenshot({ path: `${OUTPUT}rolled-back-canary.png`, fullPage: true });
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);

    expect(await page.locator('.verdict-word').textContent()).toBe('ROLLED-BACK');
    expect(await page.locator('.verdict .reason').textContent()).toMatch(
      /^error rate [\d.]+% \(\d+\/\d+\) above the limit 1\.00%/,
    );
    const failed = report.looks.find((l) => l.status === 'fail')!;
    const failedLine = (await page.locator('.failed-look').textContent())!;
    expect(failedLine).toContain(`look ${failed.index}`);
    expect(failedLine).toMatch(/error-rate .*\(limit 1\.00%\)/);
    expect(await page.locator('tr.look.fail').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('tr.look.fail .check.fail .test').first().textContent()).toBe(
      'binomial',
    );

    // Three charts, each with the canary's and the baseline's points, the limit and a marker.
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(3);
    const intervals = report.looks.filter((l) => l.kind === 'interval').length;
    for (const role of ['canary', 'baseline']) {
      const points = page.locator(`svg.chart:nth-of-type(1) circle.point.${role}`);
      expect(await points.count()).toBe(intervals);
      const ys = await points.evaluateAll((nodes) =>
        nodes.map((n) => Number(n.getAttribute('data-y'))),
      );
      expect(ys.every((y) => y > 0)).toBe(true);
    }
    expect(await page.locator('svg.chart path.line.limit').count()).toBe(2);
    expect(await page.locator('svg.chart line.marker').count()).toBe(3);
    const box = await charts.first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);

    expect(await page.locator('table.timeline code', { hasText: 'rollback.started' }).count()).toBe(
      1,
    );
    const notes = await page.locator('table.notifications tr.notification').count();
    expect(notes).toBe(report.notifications.length);
  });

  it('stays under 1 MB for a 60-look run and charts every look', async () => {
    const file = renderReportFile(longRunJournal(workspace.stateDir, 60));
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(1_000_000);
    process.stderr.write(`html report of a 60-look run: ${bytes} bytes\n`);
    const url = pathToFileURL(file).href;
    const { page, requests, consoleErrors } = await browser.open(url);
    await page.screenshot({ path: `${OUTPUT}sixty-looks.png`, fullPage: false });
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator('.verdict-word').textContent()).toBe('READY');
    expect(await page.locator('svg.chart:nth-of-type(1) circle.point.canary').count()).toBe(60);
    expect(await page.locator('table.looks tbody tr').count()).toBe(60);
  });

  it('escapes versions, reasons and script output, so that none of them becomes markup', async () => {
    const evil = '<img src=x onerror="document.title=1"><script>document.title="pwned"</script>';
    const journal = longRunJournal(workspace.stateDir, 3, {
      version: `9.9.9"><b id="injected">`,
      reason: `deploy script said: ${evil}`,
    });
    const file = renderReportFile(journal);
    expect(readFileSync(file, 'utf8')).not.toContain('<script>');
    const url = pathToFileURL(file).href;
    const { page, requests, consoleErrors } = await browser.open(url);
    // An unescaped <img src=x> would have requested file:///.../x.
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator('script, img, #injected').count()).toBe(0);
    expect(await page.title()).toContain('9.9.9"><b id="injected">');
    expect(await page.locator('.verdict .reason').textContent()).toBe(
      `deploy script said: ${evil}`,
    );
  });
});
