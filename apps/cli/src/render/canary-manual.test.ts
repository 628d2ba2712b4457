import type { ManualReport } from '@n1v1/canary-runner';
import { describe, expect, it } from 'vitest';
import { renderManualReport } from './canary-manual.js';
import type { Paint } from './color.js';

const plain: Paint = (text) => text;

const report = (overrides: Partial<ManualReport> = {}): ManualReport => ({
  schemaVersion: 1,
  action: 'rollback',
  env: 'staging',
  outcome: 'rolled-back',
  ok: true,
  runId: 'r1',
  version: '2.0.0',
  detail: 'stopped canary pid 42',
  durationMs: 120,
  recovered: [],
  notifications: [{ type: 'rollback.started', at: '', status: 'delivered', sinks: [] }],
  ...overrides,
});

describe('renderManualReport', () => {
  it('says what was rolled back or promoted, and how the notifications fared', () => {
    expect(renderManualReport(report(), plain)).toBe(
      'rollback 2.0.0 (run r1) in staging: rolled-back\n  stopped canary pid 42\n  notifications: 1 of 1 delivered\n',
    );
  });

  it('lists runs recovered on the way and a dry run plan, in red when it failed', () => {
    const text = renderManualReport(
      report({
        action: 'promote',
        outcome: 'promote-failed',
        ok: false,
        runId: undefined,
        recovered: [{ runId: 'r0', version: '1.0.0', ok: false, detail: 'exit 4' }],
        plan: [{ step: 'promote', kind: 'command', summary: 'run ./promote.sh' }],
        notifications: [],
      }),
      (t, color) => (color === 'red' ? `<${t}>` : t),
    );
    expect(text).toBe(
      '<promote 2.0.0 in staging: promote-failed>\n  stopped canary pid 42\n  recovered run r0 (1.0.0): rollback FAILED: exit 4\n  would, in order:\n   1. [promote] run ./promote.sh\n',
    );
  });
});
