import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { redact } from '@n1v1/notifier';
import { readJournal } from '../run/journal.js';
import { renderRunReport } from './html/render-run-report.js';
import { buildRunView, type RunView, type SiblingReports } from './run-view.js';

/** Which action's JSON report a file beside the journal holds. */
export type ReportAction = keyof SiblingReports;

const ACTIONS: ReportAction[] = ['canary', 'promote', 'rollback'];

/** `<runs>/<env>/<runId>.jsonl` -> `<runs>/<env>/<runId>`. */
function stem(journalFile: string): string {
  return journalFile.replace(/\.jsonl$/, '');
}

/** The files of a run's reports: one JSON per action beside the journal, one page for all. */
export function reportPaths(journalFile: string) {
  const base = stem(journalFile);
  return {
    html: `${base}.html`,
    json: (action: ReportAction) => `${base}.${action}.json`,
  };
}

/** The run as the page shows it: its journal and whatever JSON reports lie beside it. */
export function loadRunView(journalFile: string): RunView {
  const paths = reportPaths(journalFile);
  const reports: SiblingReports = {};
  for (const action of ACTIONS) {
    const file = paths.json(action);
    if (!existsSync(file)) continue;
    try {
      Object.assign(reports, { [action]: JSON.parse(readFileSync(file, 'utf8')) });
    } catch {
      // A report cut short by a crash: the journal still tells the story.
    }
  }
  return buildRunView(journalFile, readJournal(journalFile), reports);
}

/** Renders the run's page from its journal, and writes it beside the journal. */
export function renderReportFile(journalFile: string): string {
  const { html } = reportPaths(journalFile);
  atomicWrite(html, renderRunReport(loadRunView(journalFile)));
  return html;
}

/** `renderReportFile` for a run finished by another: a page it cannot write changes nothing. */
export function renderReportFileQuietly(journalFile: string): string | undefined {
  try {
    return renderReportFile(journalFile);
  } catch {
    return undefined;
  }
}

/**
 * Writes an action's JSON report beside the run's journal and renders the page again, so it
 * tells the whole story of the run (canary, then its promotion or rollback). Returns the
 * page's path, or undefined when it could not be written: a report never fails a run.
 */
export function writeRunReport(
  journalFile: string,
  action: ReportAction,
  report: { htmlReport?: string },
): string | undefined {
  try {
    report.htmlReport = reportPaths(journalFile).html;
    atomicWrite(reportPaths(journalFile).json(action), `${JSON.stringify(report, null, 2)}\n`);
    return renderReportFile(journalFile);
  } catch {
    delete report.htmlReport;
    return undefined;
  }
}

function atomicWrite(path: string, text: string): void {
  // Whatever a script printed or a reason quoted, no webhook token reaches the disk.
  writeFileSync(`${path}.tmp`, redact(text));
  renameSync(`${path}.tmp`, path);
}
