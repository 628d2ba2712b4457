/** Where the service is in its life: readiness fails while `starting` and `stopping`. */
export type LifecycleState = 'starting' | 'running' | 'stopping';

/** The service's lifecycle; it only moves forward. */
export class Lifecycle {
  private current: LifecycleState = 'starting';
  private readonly listeners = new Set<(state: LifecycleState) => void>();

  get state(): LifecycleState {
    return this.current;
  }

  /** Reads the state afresh; unlike `state`, TypeScript does not narrow it across an await. */
  is(state: LifecycleState): boolean {
    return this.current === state;
  }

  /** Startup finished. Ignored once stopping: a service never becomes ready again. */
  markRunning(): void {
    if (this.current === 'starting') this.move('running');
  }

  markStopping(): void {
    if (this.current !== 'stopping') this.move('stopping');
  }

  onChange(listener: (state: LifecycleState) => void): void {
    this.listeners.add(listener);
  }

  private move(state: LifecycleState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
