import type { FlushReport } from './notifier-types.js';

/**
 * A flush report as log lines: one summary line, then one line per event that missed a
 * sink, saying why. Everything in a report is already redacted.
 */
export function describeFlushReport(report: FlushReport): string[] {
  const total = report.delivered + report.undelivered;
  const plural = (n: number) => (n === 1 ? 'event' : 'events');
  if (report.ok) return [`delivered ${total} ${plural(total)} in ${report.durationMs} ms`];
  const deadline = report.timedOut ? ' (the flush deadline passed)' : '';
  return [
    `${report.undelivered} of ${total} ${plural(total)} not delivered${deadline}`,
    ...report.failures.map((f) => `  #${f.id} ${f.type} -> ${f.sink}: ${f.status}: ${f.error}`),
  ];
}
