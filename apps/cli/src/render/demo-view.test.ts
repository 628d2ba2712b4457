import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/memory-io.js';
import type { DemoSummary } from '../demo/run-demo.js';
import { createDemoView } from './demo-view.js';

const smoke = {
  status: 'fail',
  summary: { total: 6, passed: 5, failed: 1, skipped: 0 },
} as DemoSummary['smoke'];

describe('the demo summary', () => {
  it('names every outcome that was not as expected', () => {
    const view = createDemoView(memoryIo({}));
    const text = view.summary({
      asExpected: false,
      stateDir: '/tmp/n1v1-demo-x',
      smoke,
      good: { version: '1.1.0', verdict: 'rolled-back', durationMs: 4200 } as DemoSummary['good'],
      problems: ['the good canary ended "rolled-back", expected "promoted": smoke failed'],
    });
    expect(text).toContain('smoke + load on the stable version: fail (5/6 checks)');
    expect(text).toContain('good canary 1.1.0: rolled-back (expected promoted) in 4.2 s');
    expect(text).toContain('bad canary  did not run');
    expect(text).toContain(
      'NOT as expected: the good canary ended "rolled-back", expected "promoted": smoke failed',
    );
  });
});
