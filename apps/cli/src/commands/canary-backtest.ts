import type { Io } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

const spec = {
  env: { type: 'string' },
  hours: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `n1v1 canary backtest`: the environment's policy replayed on its recorded Prometheus history. */
export async function runBacktest(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags('canary backtest', argv, spec);
  const hours = flags.hours === undefined ? 24 : Number(flags.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 31) {
    throw new UsageError(
      `canary backtest: --hours must be a number of hours above 0 and at most 744, got "${String(flags.hours)}"`,
    );
  }
  const json = flags.json === true;
  const runner = await import('@n1v1/canary-runner');
  const { jsonOnError, writeJson } = await import('../render/canary-json.js');
  const { renderBacktest } = await import('../render/backtest-report.js');
  const result = await jsonOnError(io, json, () =>
    runner.backtestPolicy({
      config: runner.loadCanaryConfig({
        cwd: io.cwd,
        ...(typeof flags.env === 'string' ? { env: flags.env } : {}),
        ...(typeof flags.config === 'string' ? { path: flags.config } : {}),
      }),
      hours,
    }),
  );
  if (json) writeJson(io, result);
  else io.stdout.write(renderBacktest(result));
  return 0;
}
