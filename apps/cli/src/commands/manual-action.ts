import type { ManualReport } from '@n1v1/canary-runner';
import type { Notifier } from '@n1v1/notifier';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';

/**
 * What `promote` and `rollback` share: the notifier from the environment, the report as JSON
 * or text, and exit 0 when the action was done (or had nothing to do), 1 when a bake rolled a
 * promotion back, 3 when a person must look.
 */
export async function runManualAction(
  io: Io,
  json: boolean,
  action: (notifier: Notifier) => Promise<ManualReport>,
): Promise<number> {
  const { notifierFromEnv } = await import('@n1v1/notifier');
  const { jsonOnError, writeJson } = await import('../render/canary-json.js');
  const { renderManualReport } = await import('../render/canary-manual.js');
  const { paintFor } = await import('../render/color.js');
  const report = await jsonOnError(io, json, () =>
    action(notifierFromEnv(io.env, { stream: io.stderr })),
  );
  if (json) writeJson(io, report);
  else io.stdout.write(renderManualReport(report, paintFor(io.stdout, io.env)));
  if (report.ok) return ExitCode.Ok;
  // A promotion its bake rolled back is a failed rollout that was undone, like a canary's.
  return report.action === 'promote' && report.outcome === 'rolled-back'
    ? ExitCode.Failed
    : ExitCode.NeedsAttention;
}
