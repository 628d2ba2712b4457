import type { DeploymentEvent } from '@n1v1/notifier';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { durationFlag } from '../parse-duration.js';
import { type FlagValues, parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

const EVENTS =
  'deploy.started, deploy.succeeded, deploy.failed, rollback.started, rollback.completed, rollback.failed, info';

const usage = `Usage: n1v1 notify --event=TYPE --service=NAME --env=ENV --version=VERSION [flags]

Sends one deployment event, to test a webhook: to Discord when DISCORD_WEBHOOK_URL is
set, and always as one line on stderr. N1V1_DISCORD_API_BASE sends to a Discord-like
server instead of discord.com (https, or http on loopback).

Flags:
  --event=TYPE        ${EVENTS} (required)
  --service=NAME      service name (required)
  --env=ENV           environment (required)
  --version=VERSION   version being deployed (required)
  --run-id=ID         run id (default: $GITHUB_RUN_ID, else manual-<time>)
  --message=TEXT      free text shown in the message
  --reason=TEXT       why, for failures and rollbacks
  --url=URL           link to the CI run (default: this GitHub Actions run, when in one)
  --timeout=DURATION  longest wait for delivery, e.g. 5s (default 5s)
  --dry-run           print the Discord message body instead of sending it
  --json              print the delivery report as one JSON document on stdout

Exit codes: 0 delivered, 1 not delivered, 2 bad input (a flag or DISCORD_WEBHOOK_URL).
`;

const text = { type: 'string' } as const;
const spec = {
  event: text,
  service: text,
  env: text,
  version: text,
  'run-id': text,
  message: text,
  reason: text,
  url: text,
  timeout: text,
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  usage,
  async run(argv, io) {
    const flags = parseFlags('notify', argv, spec);
    const event = readEvent(flags, io.env);
    const timeoutMs = durationFlag('notify', 'timeout', flags.timeout) ?? 5000;
    const notifier = await import('@n1v1/notifier');
    const problems = notifier.eventProblems(event);
    if (problems.length > 0) throw new UsageError(`notify: ${problems.join('; ')}`);
    if (flags['dry-run']) {
      io.stdout.write(`${JSON.stringify(notifier.renderDiscordMessage(event), null, 2)}\n`);
      return ExitCode.Ok;
    }
    const sender = notifier.notifierFromEnv(io.env, {
      stream: io.stderr,
      discord: { requestTimeoutMs: timeoutMs },
      flushTimeoutMs: timeoutMs,
    });
    if (!io.env.DISCORD_WEBHOOK_URL?.trim()) {
      io.stderr.write(
        'n1v1 notify: DISCORD_WEBHOOK_URL is not set: the event goes to the console only\n',
      );
    }
    await sender.send(event);
    const report = await sender.flush({ timeoutMs });
    if (flags.json) {
      const result = { delivered: report.ok, event, sinks: sender.describe(), report };
      io.stdout.write(`${notifier.redact(JSON.stringify(result, null, 2))}\n`);
    } else {
      const [summary, ...failures] = notifier.describeFlushReport(report);
      const to = report.ok ? ` to ${sender.describe().join(', ')}` : '';
      io.stdout.write([`${summary}${to}`, ...failures, ''].join('\n'));
    }
    return report.ok ? ExitCode.Ok : ExitCode.Failed;
  },
};

function readEvent(flags: FlagValues, env: Io['env']): DeploymentEvent {
  const required = (name: string, what: string): string => {
    const value = flags[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UsageError(
        `notify: --${name} is required (${what}). Run "n1v1 notify --help" for the flags.`,
      );
    }
    return value.trim();
  };
  const type = required('event', `one of ${EVENTS}`);
  const event: DeploymentEvent = {
    type: type as DeploymentEvent['type'],
    service: required('service', 'the service name'),
    environment: required('env', 'e.g. staging'),
    version: required('version', 'e.g. 1.4.2'),
    runId: optional(flags['run-id']) ?? env.GITHUB_RUN_ID ?? `manual-${Date.now().toString(36)}`,
  };
  const url = optional(flags.url) ?? githubRunUrl(env);
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
    throw new UsageError('notify: --url must be an http(s) link to the CI run');
  }
  const extras = { message: optional(flags.message), reason: optional(flags.reason), url };
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined) Object.assign(event, { [key]: value });
  }
  return event;
}

function optional(value: FlagValues[string]): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function githubRunUrl(env: Io['env']): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
