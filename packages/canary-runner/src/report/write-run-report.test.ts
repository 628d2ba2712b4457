import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDeployer } from '../deployers/local/local-deployer.js';
import { Journal } from '../run/journal.js';
import { html } from './html/escape-html.js';
import { loadRunView, renderReportFileQuietly, writeRunReport } from './write-run-report.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-report-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the report files beside a journal', () => {
  it('never fails the run: a report that cannot be written is left out of it', () => {
    const report: { htmlReport?: string } = {};
    expect(writeRunReport(join(dir, 'missing', 'run.jsonl'), 'canary', report)).toBeUndefined();
    expect(report.htmlReport).toBeUndefined();
    expect(renderReportFileQuietly(join(dir, 'missing.jsonl'))).toBeUndefined();
  });

  it('renders from the journal alone when a JSON report beside it was cut short', () => {
    const journal = new Journal(dir, 'staging', '20261201T100000Z-cut001');
    journal.append('run.started', {
      data: { version: '1.0.0', service: 'n1v1', env: 'staging', pid: 1, deployer: 'local' },
    });
    writeFileSync(journal.path.replace(/\.jsonl$/, '.canary.json'), '{"verdict": "rea');
    const view = loadRunView(journal.path);
    expect(view).toMatchObject({ version: '1.0.0', finished: false, looks: [] });
    expect(String(html`<b>${view.version}</b>`)).toBe('<b>1.0.0</b>');
  });

  it('has the local deployer refuse a restore with nothing recorded to go back to', async () => {
    const deployer = localDeployer({ config: { type: 'local' }, requestTimeoutMs: 1000 });
    const ctx = {
      env: 'production',
      service: 'n1v1',
      version: '1.1.0',
      runId: 'r',
      cwd: dir,
      stateDir: join(dir, '.n1v1'),
      signal: new AbortController().signal,
      record: () => {},
      log: () => {},
    };
    await expect(deployer.restore(ctx, {})).rejects.toThrow(
      'no previous stable process was recorded; nothing to go back to',
    );
    expect(await deployer.settle!(ctx, {})).toBe('nothing to let go of');
    expect(deployer.stableUrl!(ctx)).toBeUndefined();
  });
});
