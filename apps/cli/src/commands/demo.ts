import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { durationFlag } from '../parse-duration.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

const usage = `Usage: n1v1 demo [--monitor=15s] [--interval=3s]

The whole flow on this machine, nothing to configure, no network:
  1. starts the example service as the stable version 1.0.0
  2. runs the smoke suite with the load check against it
  3. a canary of a good version 1.1.0: deployed, smoke-tested, then given 20 %, 50 % and
     80 % of the simulated users' requests through a real HAProxy (each step analysed, the
     share the canary really got printed), 100 % and promoted
  4. a canary of a bad version (5 % of trading requests answer 500): caught at a step, cut
     to 0 % at once, rolled back
  Without haproxy installed the canaries get synthetic requests directly, in one window.
Every notification is printed here (and sent to Discord when DISCORD_WEBHOOK_URL is set).
Ctrl-C rolls back a canary in flight and stops every process the demo started.

Flags:
  --monitor=DURATION   how long each canary is watched (default 15s)
  --interval=DURATION  time between two looks of the monitor (default 3s)

Exit codes: 0 both canaries ended as expected, 1 otherwise.
`;

const spec = { monitor: { type: 'string' }, interval: { type: 'string' } } as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('demo', argv, spec);
    const monitorMs = durationFlag('demo', 'monitor', flags.monitor) ?? 15_000;
    const intervalMs = durationFlag('demo', 'interval', flags.interval) ?? 3_000;
    if (intervalMs < 1000 || monitorMs < intervalMs) {
      throw new UsageError(
        'demo: --interval must be at least 1s and --monitor at least one interval',
      );
    }
    const [{ runDemo }, { createDemoView }, { notifierFromEnv }] = await Promise.all([
      import('../demo/run-demo.js'),
      import('../render/demo-view.js'),
      import('@n1v1/notifier'),
    ]);
    const view = createDemoView(io);
    const controller = new AbortController();
    const interrupt = () => {
      io.stderr.write(
        '\ndemo: interrupted; rolling back what is in flight and stopping every process\n',
      );
      controller.abort(new Error('interrupted (SIGINT)'));
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const summary = await runDemo({
        monitorSec: monitorMs / 1000,
        intervalSec: intervalMs / 1000,
        notifier: notifierFromEnv(io.env, { stream: io.stderr }),
        signal: controller.signal,
        ...view.handlers,
      });
      io.stdout.write(view.summary(summary));
      return summary.asExpected ? ExitCode.Ok : ExitCode.Failed;
    } finally {
      process.removeListener('SIGINT', interrupt);
      process.removeListener('SIGTERM', interrupt);
    }
  },
};
