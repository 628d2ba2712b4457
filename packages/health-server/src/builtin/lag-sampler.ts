/**
 * Measures event-loop lag with a timer of its own: how late it fires, and, when asked, how
 * late it is right now. perf_hooks' monitorEventLoopDelay records nothing at all when every
 * loop turn is blocked (its timer never gets a turn before the check runs), which is the
 * very case this has to catch; a timer that is overdue at the moment of the check reports
 * the block as it happens.
 */
export class LagSampler {
  private worst = 0;
  private due: number;
  private timer: NodeJS.Timeout;

  constructor(private readonly resolutionMs: number) {
    this.due = performance.now() + resolutionMs;
    this.timer = this.schedule();
  }

  /** The worst lag since the previous call (or creation), in ms, counting an overdue tick. */
  takeWorst(): number {
    const worst = Math.max(this.worst, performance.now() - this.due, 0);
    this.worst = 0;
    return worst;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const now = performance.now();
      this.worst = Math.max(this.worst, now - this.due);
      this.due = now + this.resolutionMs;
      this.timer = this.schedule();
    }, this.resolutionMs);
    // Sampling must never keep a process alive that would otherwise exit.
    timer.unref();
    return timer;
  }
}
