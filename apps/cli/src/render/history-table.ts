import { existsSync } from 'node:fs';
import type { RunSummary } from '@n1v1/canary-runner';

/** One line of `n1v1 history`. */
export interface HistoryRow {
  env: string;
  startedAt: string;
  runId: string;
  kind: RunSummary['kind'];
  version: string;
  state: string;
  finished: boolean;
  reason?: string;
  /** The HTML report, when one was written. */
  report?: string;
}

/** The runs of each environment as rows, oldest first within an environment. */
export function historyRows(
  groups: Array<{ env: string; runs: RunSummary[] }>,
  paths: (journal: string) => { html: string },
): HistoryRow[] {
  return groups.flatMap(({ env, runs }) =>
    runs.map((run) => {
      const html = paths(run.file).html;
      return {
        env,
        startedAt: run.startedAt,
        runId: run.runId,
        kind: run.kind,
        version: run.version,
        state: run.state,
        finished: run.finished,
        ...(run.reason ? { reason: run.reason } : {}),
        ...(existsSync(html) ? { report: html } : {}),
      };
    }),
  );
}

/** The rows as a plain table; a run that died half-way says so. */
export function renderHistory(rows: HistoryRow[], env?: string): string {
  if (rows.length === 0) return `no runs recorded${env ? ` in ${env}` : ''}\n`;
  const cells = rows.map((r) => [
    r.env,
    r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    r.runId,
    r.kind,
    r.version,
    r.finished ? r.state : `${r.state} (died; unfinished)`,
    r.reason ?? '',
  ]);
  const header = ['ENV', 'STARTED', 'RUN', 'KIND', 'VERSION', 'STATE', 'REASON'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...cells].map(line).join('\n')}\n`;
}
