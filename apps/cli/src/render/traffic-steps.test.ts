import { describe, expect, it } from 'vitest';
import { rolledBackReport } from './__fixtures__/canary-report.js';
import type { Paint } from './color.js';
import { renderTrafficSteps } from './traffic-steps.js';

const plain: Paint = (text) => text;
const step = {
  of: 3,
  kind: 'step' as const,
  holdSec: 5,
  startedAt: '2025-01-01T12:00:00.000Z',
  durationMs: 5000,
  looks: 2,
};

describe('renderTrafficSteps', () => {
  it("prints each step's weight, the share the canary really got, its verdict and the cut to 0 %", () => {
    const report = rolledBackReport({
      router: {
        type: 'haproxy',
        entryUrl: 'http://127.0.0.1:4002',
        cut: { ok: true, detail: 'haproxy: 0 %', at: '2025-01-01T12:00:10.000Z', durationMs: 3 },
      },
      steps: [
        {
          ...step,
          index: 1,
          weightPercent: 10,
          status: 'pass',
          routed: { stable: 901, canary: 99, canarySharePercent: 9.9 },
        },
        {
          ...step,
          index: 2,
          weightPercent: 25,
          match: { header: { name: 'x-canary', value: 'internal' } },
          status: 'fail',
          reason: 'error rate 5.00% above the limit 1.00%',
          routed: { stable: 750, canary: 250, canarySharePercent: 25 },
        },
      ],
    });
    expect(renderTrafficSteps(report, plain)).toEqual([
      '  traffic steps through haproxy http://127.0.0.1:4002:',
      '    step 1/3   10 %  canary got   9.9 % of 1000 requests  pass',
      '    step 2/3   25 % + match  canary got  25.0 % of 1000 requests  FAIL: error rate 5.00% above the limit 1.00%',
      '  traffic cut to 0 % in 3 ms, before the rollback started',
    ]);
  });

  it('says when the router could not count, names the promotion, and shows a failed cut', () => {
    const report = rolledBackReport({
      router: {
        type: 'gateway-api',
        cut: { ok: false, detail: 'updating HTTPRoute default/n1v1: 403', at: '', durationMs: 20 },
      },
      steps: [
        { ...step, index: 1, weightPercent: 50, status: 'pass' },
        { ...step, kind: 'promotion', index: 4, weightPercent: 100, status: 'pass' },
      ],
    });
    expect(renderTrafficSteps(report, plain)).toEqual([
      '  traffic steps through gateway-api:',
      '    step 1/3   50 %  canary share not counted by this router  pass',
      '    promotion 100 %  every request to the canary, then the promotion  pass',
      '  traffic cut to 0 % FAILED: updating HTTPRoute default/n1v1: 403',
    ]);
    expect(renderTrafficSteps(rolledBackReport(), plain)).toEqual([]);
  });
});
