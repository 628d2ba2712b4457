import type { Notifier } from '@n1v1/notifier';
import { notifierFromEnv } from '@n1v1/notifier';
import { Redactor } from '@n1v1/redact';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { createDeployer } from '../deployers/create-deployer.js';
import type { DeployContext, Deployer } from '../deployers/deployer.js';
import type { Journal } from './journal.js';
import type { CanaryProgress, TimelineEntry } from './report-types.js';
import { RunNotifications } from './run-notifications.js';
import { runSecrets } from './run-secrets.js';

/** Everything one run (or one manual rollback/promote) works with. */
export interface RunContext {
  config: ResolvedCanaryConfig;
  version: string;
  runId: string;
  deployer: Deployer;
  /** Everything the run writes (journal, report, progress, notifications, errors) goes through it. */
  redactor: Redactor;
  notifications: RunNotifications;
  /** Undefined in a dry run: nothing is written. */
  journal?: Journal;
  timeline: TimelineEntry[];
  startedAt: number;
  /** What the deployer recorded so far, merged. */
  record: Record<string, unknown>;
  emit(event: CanaryProgress): void;
  /** Adds a timeline entry and a journal line. */
  mark(event: string, detail?: string, data?: Record<string, unknown>): void;
  deployContext(signal: AbortSignal): DeployContext;
}

export interface ContextOptions {
  config: ResolvedCanaryConfig;
  version: string;
  runId: string;
  journal?: Journal;
  notifier?: Notifier | null;
  runUrl?: string;
  onProgress?: (event: CanaryProgress) => void;
  deployer?: Deployer;
}

/** The notifier a run uses when the caller gave none: Discord from the environment, and the console. */
export function defaultNotifier(option: Notifier | null | undefined): Notifier | undefined {
  if (option === null) return undefined;
  return option ?? notifierFromEnv(process.env);
}

export function createRunContext(options: ContextOptions): RunContext {
  const { config, journal } = options;
  const startedAt = Date.now();
  const timeline: TimelineEntry[] = [];
  const redactor = journal?.redactor ?? new Redactor();
  redactor.add(...runSecrets(config));
  const emit = (event: CanaryProgress) => {
    try {
      options.onProgress?.(redactor.deep(event));
    } catch {
      // A broken progress display must not break the run.
    }
  };
  const ctx: RunContext = {
    config,
    version: options.version,
    runId: options.runId,
    deployer: options.deployer ?? createDeployer(config),
    redactor,
    notifications: new RunNotifications(defaultNotifier(options.notifier), redactor, {
      service: config.service,
      environment: config.env,
      version: options.version,
      runId: options.runId,
      ...(options.runUrl ? { url: options.runUrl } : {}),
    }),
    ...(journal ? { journal } : {}),
    timeline,
    startedAt,
    record: {},
    emit,
    mark(event, detail, data) {
      const entry = redactor.deep({
        at: new Date().toISOString(),
        elapsedMs: Date.now() - startedAt,
        event,
        ...(detail ? { detail } : {}),
      });
      timeline.push(entry);
      journal?.append(event, { data: { ...(detail ? { detail } : {}), ...data } });
    },
    deployContext(signal) {
      return {
        env: config.env,
        service: config.service,
        version: options.version,
        runId: options.runId,
        cwd: config.cwd,
        stateDir: config.stateDir,
        signal,
        record(data) {
          Object.assign(ctx.record, data);
          journal?.append('deploy.record', { data });
        },
        log(line) {
          journal?.append('log', { data: { line } });
          emit({ type: 'log', message: line, elapsedMs: Date.now() - startedAt });
        },
      };
    },
  };
  return ctx;
}
