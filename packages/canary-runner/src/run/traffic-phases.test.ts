import { describe, expect, it } from 'vitest';
import { trafficPhases } from './traffic-phases.js';

describe('the traffic phases of a run', () => {
  it('are the steps in order, then the promotion at 100 % when the run promotes', () => {
    const phases = trafficPhases(
      [
        { weight: 5, holdSec: 30, match: { header: { name: 'x-canary', value: 'internal' } } },
        { weight: 25, holdSec: 60, gate: 'manual' },
      ],
      true,
    );
    expect(phases.map((p) => [p.kind, p.weightPercent, p.label])).toEqual([
      ['step', 5, 'step 1/2 (5 % + match)'],
      ['step', 25, 'step 2/2 (25 %)'],
      ['promotion', 100, 'promotion (100 %)'],
    ]);
    expect(phases[1]!.gateTimeoutSec).toBe(3600);
    expect(phases[0]!.gateTimeoutSec).toBeUndefined();
  });

  it('add no promotion without autoPromote, nor when the last step already is 100 %', () => {
    expect(trafficPhases([{ weight: 50, holdSec: 10 }], false)).toHaveLength(1);
    expect(
      trafficPhases(
        [
          { weight: 50, holdSec: 10 },
          { weight: 100, holdSec: 10 },
        ],
        true,
      ).map((p) => p.kind),
    ).toEqual(['step', 'step']);
  });
});
