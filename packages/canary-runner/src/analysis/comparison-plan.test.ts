import { describe, expect, it } from 'vitest';
import { loadCanaryConfig } from '../config/load-config.js';
import { planComparisons } from './comparison-plan.js';

describe('planComparisons', () => {
  it('splits the false-rollback budget over every comparison the default run can make', () => {
    const config = loadCanaryConfig({ cwd: '/nonexistent-n1v1' });
    const plan = planComparisons(config, true);
    // 12 interval looks + 1 final + 2 x 6 extension judgements, 2 metrics each.
    expect(plan).toEqual({
      plannedLooks: 12,
      extensionLooks: 6,
      comparisons: 50,
      alpha: 0.01 / 50,
    });
  });

  it('plans no comparison without a baseline and no extension under the fail policy', () => {
    const config = loadCanaryConfig({
      cwd: '/nonexistent-n1v1',
      overrides: { analysis: { insufficientData: 'fail' } },
    });
    expect(planComparisons(config, false)).toMatchObject({
      extensionLooks: 0,
      comparisons: 0,
      alpha: 0.01,
    });
    expect(planComparisons(config, true).comparisons).toBe(26);
  });
});
