import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { paintFor } from '../render/color.js';
import { renderLoadReport } from '../render/load-table.js';
import { createProgress } from '../render/progress.js';
import { publishToGithub } from '../render/publish-to-github.js';
import { readLoadFlags, readTargetFlags, targetFlags } from './smoke-flags.js';

const spec = { ...targetFlags, path: { type: 'string' } } as const;

/** `n1v1 load`: parses the flags, runs the check, renders the report; resolves to the exit code. */
export async function runLoadCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags('load', argv, spec);
  const target = readTargetFlags('load', flags, io);
  const limits = readLoadFlags('load', flags);
  const smoke = await import('@n1v1/smoke-tests');
  const progress = createProgress(io.stderr);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const measured = await smoke
    .runLoad({
      ...target,
      ...limits,
      ...(typeof flags.path === 'string' ? { path: flags.path } : {}),
      onProgress: progress.onProgress,
      signal: controller.signal,
    })
    .finally(() => {
      process.removeListener('SIGINT', interrupt);
      progress.done();
    });
  // A run cut short by Ctrl-C measured less than was asked for: never a pass.
  const report = controller.signal.aborted
    ? {
        ...measured,
        status: 'fail' as const,
        error: `interrupted (Ctrl-C) after ${measured.durationSec} s of the ${limits.durationSec ?? smoke.LOAD_DEFAULTS.durationSec} s asked for: the figures cover only that part`,
      }
    : measured;
  if (controller.signal.aborted) io.stderr.write(`load: ${report.error}\n`);
  const where = smoke.redactUrl(target.url);
  io.stdout.write(
    flags.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderLoadReport(report, where, paintFor(io.stdout, io.env)),
  );
  publishToGithub(io, Boolean(flags.json), {
    failures: report.error ? [{ title: 'load check failed', message: report.error }] : [],
    markdown: () => smoke.renderLoadMarkdown(report),
  });
  return report.status === 'pass' ? ExitCode.Ok : ExitCode.Failed;
}
