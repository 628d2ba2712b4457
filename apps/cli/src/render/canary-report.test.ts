import { describe, expect, it } from 'vitest';
import { rolledBackReport } from './__fixtures__/canary-report.js';
import { renderCanaryReport } from './canary-report.js';
import type { Paint } from './color.js';

const plain: Paint = (text) => text;

describe('renderCanaryReport', () => {
  it('shows the verdict, reason, last figures, recovery, rollback, notifications and journal', () => {
    expect(renderCanaryReport(rolledBackReport(), plain)).toBe(
      [
        'n1v1 2.0.0 in staging: ROLLED BACK',
        '  reason: error rate 5.20% (13/250) above the limit 1.00% (p=2.1e-5)',
        '  canary: http://127.0.0.1:4001  baseline: http://127.0.0.1:4000',
        '  looks: 1, last fail; canary 5.20% errors, p99 5 ms, 250 requests; baseline 0.00% errors, p99 5 ms, 248 requests',
        '  recovered run 20250101T110000Z-dead00 (1.9.0): rolled back: stopped canary pid 41',
        '  rollback: done in 0.2 s: stopped canary pid 42',
        '  notifications: 1 of 2 delivered (not delivered: deploy.failed undelivered)',
        '  journal: /work/.n1v1/runs/staging/20250101T120000Z-abc123.jsonl',
        '',
      ].join('\n'),
    );
  });

  it('names every verdict, and says when a person must look', () => {
    const headline = (verdict: Parameters<typeof rolledBackReport>[0]) =>
      renderCanaryReport(rolledBackReport(verdict), plain).split('\n')[0];
    expect(headline({ verdict: 'ready' })).toBe('n1v1 2.0.0 in staging: READY for production');
    expect(headline({ verdict: 'promoted' })).toBe('n1v1 2.0.0 in staging: PROMOTED');
    expect(headline({ verdict: 'failed' })).toBe(
      'n1v1 2.0.0 in staging: FAILED (left in place: --no-rollback)',
    );
    expect(headline({ verdict: 'rollback-failed' })).toBe(
      'n1v1 2.0.0 in staging: ROLLBACK FAILED: a person must look',
    );
    expect(headline({ verdict: 'unknown' })).toBe(
      'n1v1 2.0.0 in staging: STATE UNKNOWN: a person must look',
    );
    expect(headline({ analysisOutcome: 'inconclusive' })).toBe(
      'n1v1 2.0.0 in staging: INCONCLUSIVE, ROLLED BACK',
    );
    expect(headline({ verdict: 'failed', analysisOutcome: 'inconclusive' })).toBe(
      'n1v1 2.0.0 in staging: INCONCLUSIVE, left in place (analysis.onInconclusive keep), not promoted',
    );
  });

  it('prints a failed rollback and promotion, and a report without looks or URLs', () => {
    const text = renderCanaryReport(
      rolledBackReport({
        verdict: 'rollback-failed',
        looks: [],
        canaryUrl: undefined,
        recovered: [{ runId: 'r0', version: '1', ok: false, detail: 'exit 4' }],
        rollback: { trigger: 'x', ok: false, detail: 'exit 4', durationMs: 1000 },
        promotion: { ok: false, detail: 'no promote script' },
        notifications: [],
        journal: undefined,
      }),
      (t, color) => (color === 'red' ? `<${t}>` : t),
    );
    expect(text).toContain('  recovered run r0 (1): rollback FAILED: exit 4\n');
    expect(text).toContain('  rollback: <FAILED> in 1.0 s: exit 4\n');
    expect(text).toContain('  promotion: FAILED: no promote script\n');
    expect(text).toContain('  notifications: 0 of 0 delivered\n');
    expect(text).not.toContain('canary:');
    expect(text).not.toContain('looks:');
  });

  it('lists the actions of a dry run with their exact payloads', () => {
    const text = renderCanaryReport(
      rolledBackReport({
        verdict: 'planned',
        reason: 'dry run: 2 actions planned, none taken',
        plan: [
          {
            step: 'deploy',
            kind: 'kubernetes',
            summary: 'PATCH /apis/apps/v1/namespaces/default/deployments/n1v1-canary',
            detail: { spec: { replicas: 1 } },
          },
          {
            step: 'monitor',
            kind: 'promql',
            summary: 'GET http://prom/api/v1/query every interval',
            detail: 'sum(up)',
          },
        ],
      }),
      plain,
    );
    expect(text).toBe(
      [
        'n1v1 2.0.0 in staging: DRY RUN',
        '  reason: dry run: 2 actions planned, none taken',
        '  would, in order:',
        '   1. [deploy] PATCH /apis/apps/v1/namespaces/default/deployments/n1v1-canary',
        '        {',
        '          "spec": {',
        '            "replicas": 1',
        '          }',
        '        }',
        '   2. [monitor] GET http://prom/api/v1/query every interval',
        '        sum(up)',
        '',
      ].join('\n'),
    );
  });
});
