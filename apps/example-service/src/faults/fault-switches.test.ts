import { describe, expect, it } from 'vitest';
import { FaultSwitches, NO_FAULTS } from './fault-switches.js';

describe('FaultSwitches', () => {
  it('starts from no faults plus the given ones, ignoring unrelated options', () => {
    const switches = new FaultSwitches({ errorRate: 0.05, port: 8000 } as never);
    expect(switches.get()).toEqual({ ...NO_FAULTS, errorRate: 0.05 });
  });

  it('applies a valid partial update and tells listeners', () => {
    const switches = new FaultSwitches();
    const seen: unknown[] = [];
    const off = switches.onChange((faults) => seen.push(faults.exchange));
    switches.update({ exchange: 'hang', latencyMs: 20 });
    off();
    switches.update({ exchange: 'ok' });
    expect(switches.get()).toEqual({ ...NO_FAULTS, latencyMs: 20 });
    expect(seen).toEqual(['hang']);
  });

  it('rejects an invalid update as a whole, naming every problem in one line', () => {
    const switches = new FaultSwitches();
    expect(() =>
      switches.update({ errorRate: 2, exchange: 'down', crash: true, stallEventLoopMs: '5' }),
    ).toThrow(
      'unknown fault "crash" (known: errorRate, latencyMs, exchange, stallEventLoopMs); errorRate must be a number from 0 to 1 (got 2); stallEventLoopMs must be a number from 0 to 10000 (got "5"); exchange must be ok, fail or hang (got "down")',
    );
    expect(switches.get()).toEqual(NO_FAULTS);
  });
});
