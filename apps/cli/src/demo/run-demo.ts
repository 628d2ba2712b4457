import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CanaryOptions, CanaryProgress, CanaryReport } from '@n1v1/canary-runner';
import type { Notifier } from '@n1v1/notifier';
import type { ProgressEvent, SmokeReport } from '@n1v1/smoke-tests';
import { exampleServiceCommand } from '../example-service-command.js';
import { type StableProcess, startStableProcess } from './stable-process.js';

/** Settings of the demo; the defaults finish in about a minute on a 2-core machine. */
export interface DemoOptions {
  /** How long each canary is watched, in seconds. Default 15. */
  monitorSec?: number;
  /** Time between two looks of the monitor, in seconds. Default 3. */
  intervalSec?: number;
  /** Length of the load check against the stable version, in seconds. Default 5. */
  loadSec?: number;
  /** Where the journals go. Default: a new folder under the system's temp folder. */
  stateDir?: string;
  notifier: Notifier;
  /** Aborting it stops the demo: a canary in flight is rolled back, every process is stopped. */
  signal?: AbortSignal;
  onStep?: (step: DemoStep) => void;
  onSmokeProgress?: (event: ProgressEvent) => void;
  onCanaryProgress?: (event: CanaryProgress) => void;
}

export type DemoStep =
  | { type: 'stable.started'; url: string; pid: number; version: string }
  | { type: 'note'; message: string }
  | { type: 'smoke.finished'; report: SmokeReport }
  | { type: 'canary.started'; name: 'good' | 'bad'; version: string; description: string }
  | { type: 'canary.finished'; name: 'good' | 'bad'; report: CanaryReport };

export interface DemoSummary {
  /** True when the smoke suite passed, the good canary was promoted and the bad one rolled back. */
  asExpected: boolean;
  stateDir: string;
  smoke: SmokeReport;
  good?: CanaryReport;
  bad?: CanaryReport;
  /** One line per outcome that was not as expected. */
  problems: string[];
}

const STABLE_VERSION = '1.0.0';
const GOOD_VERSION = '1.1.0';
const BAD_VERSION = '1.2.0-bad';

/**
 * The whole flow on this machine: a stable example service, the smoke suite with its load
 * check against it, a good canary that must be promoted and a bad one (5 % errors) that must
 * be rolled back. Every process it starts is stopped before it returns, also when aborted.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const [{ findHaproxy, runCanary }, { runSmoke }] = await Promise.all([
    import('@n1v1/canary-runner'),
    import('@n1v1/smoke-tests'),
  ]);
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'n1v1-demo-'));
  const step = options.onStep ?? (() => {});
  let stable: StableProcess | undefined;
  try {
    stable = await startStableProcess(exampleServiceCommand(), {
      N1V1_VERSION: STABLE_VERSION,
      N1V1_ENVIRONMENT: 'demo',
    });
    step({ type: 'stable.started', url: stable.url, pid: stable.pid, version: STABLE_VERSION });

    const haproxy = haproxyOrWhy(findHaproxy);
    if (typeof haproxy === 'string') step({ type: 'note', message: haproxy });

    const smoke = await runSmoke({
      url: stable.url,
      load: { durationSec: options.loadSec ?? 5, connections: 10 },
      ...(options.onSmokeProgress ? { onProgress: options.onSmokeProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    step({ type: 'smoke.finished', report: smoke });

    const canary = async (
      name: 'good' | 'bad',
      version: string,
      description: string,
      faults: Record<string, string>,
    ) => {
      options.signal?.throwIfAborted();
      step({ type: 'canary.started', name, version, description });
      const report = await runCanary(
        canaryOptions(options, stateDir, stable!.url, version, faults, haproxy === true),
      );
      step({ type: 'canary.finished', name, report });
      return report;
    };
    const good = await canary('good', GOOD_VERSION, 'a healthy new version', {});
    const bad = await canary(
      'bad',
      BAD_VERSION,
      'the same service answering 5 % of trading requests with 500',
      {
        N1V1_ERROR_RATE: '0.05',
      },
    );
    return summarize(stateDir, smoke, good, bad);
  } finally {
    await stable?.stop();
  }
}

function canaryOptions(
  options: DemoOptions,
  stateDir: string,
  baselineUrl: string,
  version: string,
  faults: Record<string, string>,
  throughHaproxy: boolean,
): CanaryOptions {
  return {
    cwd: stateDir,
    env: 'demo',
    version,
    baselineUrl,
    // The demo owns the stable process; the canary runner starts and stops only the canary.
    deployer: { type: 'local', command: exampleServiceCommand(), env: faults, keepRunning: false },
    monitor: { durationSec: options.monitorSec ?? 15, intervalSec: options.intervalSec ?? 3 },
    // The simulated users go through a real HAProxy in front of stable and canary; the
    // canary's share is raised in steps that split the monitor window.
    ...(throughHaproxy
      ? {
          router: { type: 'haproxy' as const },
          steps: demoSteps(options.monitorSec ?? 15, options.intervalSec ?? 3),
          traffic: { ratePerSec: 200 },
        }
      : {}),
    autoPromote: true,
    notifier: options.notifier,
    handleSignals: false,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onCanaryProgress ? { onProgress: options.onCanaryProgress } : {}),
  };
}

/** True when haproxy is installed, else why the demo runs without it. */
function haproxyOrWhy(find: () => string): true | string {
  try {
    find();
    return true;
  } catch {
    return 'haproxy is not installed (apt-get install haproxy): the canaries get synthetic requests directly, without weighted steps';
  }
}

/** 20 %, 50 %, 80 %, each held a third of the window (at least one interval). */
export function demoSteps(monitorSec: number, intervalSec: number) {
  const holdSec = Math.max(intervalSec, Math.round((monitorSec / 3) * 10) / 10);
  return [20, 50, 80].map((weight) => ({ weight, holdSec }));
}

function summarize(
  stateDir: string,
  smoke: SmokeReport,
  good: CanaryReport,
  bad: CanaryReport,
): DemoSummary {
  const problems: string[] = [];
  if (smoke.status !== 'pass') problems.push(`the smoke suite failed against the stable version`);
  if (good.verdict !== 'promoted')
    problems.push(`the good canary ended "${good.verdict}", expected "promoted": ${good.reason}`);
  if (bad.verdict !== 'rolled-back')
    problems.push(`the bad canary ended "${bad.verdict}", expected "rolled-back": ${bad.reason}`);
  return { asExpected: problems.length === 0, stateDir, smoke, good, bad, problems };
}
