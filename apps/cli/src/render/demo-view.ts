import type { DemoOptions, DemoStep, DemoSummary } from '../demo/run-demo.js';
import type { Io } from '../io.js';
import { createCanaryProgress } from './canary-progress.js';
import { renderCanaryReport } from './canary-report.js';
import { paintFor } from './color.js';
import { createProgress } from './progress.js';
import { renderSmokeTable } from './smoke-table.js';

type Handlers = Pick<DemoOptions, 'onStep' | 'onSmokeProgress' | 'onCanaryProgress'>;

/** What `n1v1 demo` shows: each step's result on stdout, live progress on stderr, a summary. */
export function createDemoView(io: Io): {
  handlers: Handlers;
  summary(summary: DemoSummary): string;
} {
  const paint = paintFor(io.stdout, io.env);
  const smokeProgress = createProgress(io.stderr);
  const canaryProgress = createCanaryProgress(io.stderr);
  const heading = (text: string) => io.stdout.write(`\n${paint(`== ${text}`, 'bold')}\n`);
  const onStep = (step: DemoStep) => {
    switch (step.type) {
      case 'stable.started':
        heading(`1. stable version ${step.version} running at ${step.url} (pid ${step.pid})`);
        heading('2. smoke suite with the load check against the stable version');
        return;
      case 'note':
        io.stdout.write(`${paint(`   note: ${step.message}`, 'yellow')}\n`);
        return;
      case 'smoke.finished':
        smokeProgress.done();
        io.stdout.write(renderSmokeTable(step.report, paint));
        return;
      case 'canary.started':
        heading(`${step.name === 'good' ? 3 : 4}. canary ${step.version}: ${step.description}`);
        return;
      case 'canary.finished':
        canaryProgress.done();
        io.stdout.write(renderCanaryReport(step.report, paint));
        return;
    }
  };
  return {
    handlers: {
      onStep,
      onSmokeProgress: smokeProgress.onProgress,
      onCanaryProgress: canaryProgress.onProgress,
    },
    summary(summary) {
      const outcome = (report: DemoSummary['good'], expected: string) =>
        report
          ? `${report.version}: ${report.verdict} (expected ${expected}) in ${(report.durationMs / 1000).toFixed(1)} s`
          : 'did not run';
      const lines = [
        '',
        paint('== summary', 'bold'),
        `  smoke + load on the stable version: ${summary.smoke.status} (${summary.smoke.summary.passed}/${summary.smoke.summary.total} checks)`,
        `  good canary ${outcome(summary.good, 'promoted')}`,
        `  bad canary  ${outcome(summary.bad, 'rolled-back')}`,
        `  journals: ${summary.stateDir}`,
        summary.asExpected
          ? paint('  every outcome was as expected', 'green')
          : paint(`  NOT as expected: ${summary.problems.join('; ')}`, 'red'),
        '',
      ];
      return lines.join('\n');
    },
  };
}
