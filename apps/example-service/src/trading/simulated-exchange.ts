import type { CheckContext, CheckOutcome } from '@n1v1/health-server';
import type { FaultSwitches } from '../faults/fault-switches.js';

/**
 * The connection to the (simulated) exchange the readiness check pings. The `exchange`
 * fault makes the ping fail as a refused connection would, or hang as a black-holed one
 * would, until the check's timeout aborts it.
 */
export class SimulatedExchange {
  constructor(private readonly faults: FaultSwitches) {}

  ping({ signal }: CheckContext): Promise<CheckOutcome | undefined> {
    const mode = this.faults.get().exchange;
    if (mode === 'fail') {
      return Promise.reject(new Error('exchange unreachable: connect ECONNREFUSED (simulated)'));
    }
    if (mode === 'hang') {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return Promise.resolve({ componentType: 'component' });
  }
}
