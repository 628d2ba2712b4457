import type { FaultSwitches } from './fault-switches.js';

/**
 * Blocks the event loop for `stallEventLoopMs` once a second, as a CPU-bound bug would:
 * nothing else runs meanwhile, so latency, liveness and market-data age all suffer.
 */
export class EventLoopStaller {
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly faults: FaultSwitches) {
    this.unsubscribe = faults.onChange(() => this.apply());
    this.apply();
  }

  stop(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private apply(): void {
    const ms = this.faults.get().stallEventLoopMs;
    if (ms > 0 && this.timer === undefined) {
      this.timer = setInterval(() => block(this.faults.get().stallEventLoopMs), 1000);
      this.timer.unref();
    } else if (ms === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose: this is the fault.
  }
}
