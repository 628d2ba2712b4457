import { describe, expect, it } from 'vitest';
import { Lifecycle, type LifecycleState } from './lifecycle.js';

describe('Lifecycle', () => {
  it('moves forward only, telling listeners each move', () => {
    const lifecycle = new Lifecycle();
    const seen: LifecycleState[] = [];
    lifecycle.onChange((state) => seen.push(state));
    expect(lifecycle.state).toBe('starting');
    lifecycle.markRunning();
    lifecycle.markRunning();
    lifecycle.markStopping();
    lifecycle.markRunning();
    lifecycle.markStopping();
    expect(seen).toEqual(['running', 'stopping']);
    expect(lifecycle.is('stopping')).toBe(true);
  });

  it('can stop before it ever ran', () => {
    const lifecycle = new Lifecycle();
    lifecycle.markStopping();
    lifecycle.markRunning();
    expect(lifecycle.state).toBe('stopping');
  });
});
