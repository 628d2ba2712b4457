import { describe, expect, it } from 'vitest';
import {
  hasLiveCanary,
  isTerminal,
  nextState,
  type RunState,
  RunStateMachine,
} from './state-machine.js';

describe('the canary state machine', () => {
  it('walks the happy path from deploy to promoted', () => {
    const seen: string[] = [];
    const machine = new RunStateMachine((from, to, event) =>
      seen.push(`${from} -${event}-> ${to}`),
    );
    for (const event of [
      'start',
      'deployed',
      'smoked',
      'monitored',
      'checked',
      'promote',
      'promote-ok',
    ] as const)
      machine.fire(event);
    expect(machine.state).toBe('promoted');
    expect(seen[0]).toBe('pending -start-> deploying');
    expect(seen).toHaveLength(7);
  });

  it('sends a failure of any active step to failed, and from there to a rollback or to staying failed', () => {
    for (const state of [
      'deploying',
      'smoking',
      'monitoring',
      'final-check',
      'promoting',
    ] as RunState[]) {
      expect(nextState(state, 'fail')).toBe('failed');
    }
    expect(nextState('failed', 'rollback')).toBe('rolling-back');
    expect(nextState('failed', 'keep')).toBe('failed');
    expect(nextState('rolling-back', 'rollback-ok')).toBe('rolled-back');
    expect(nextState('rolling-back', 'rollback-error')).toBe('rollback-failed');
    expect(nextState('rollback-failed', 'lost')).toBe('unknown');
  });

  it('refuses a move that is not in the table', () => {
    expect(() => nextState('pending', 'promote')).toThrow(
      'canary state machine: no transition from pending on promote',
    );
    expect(() => nextState('ready', 'fail')).toThrow();
  });

  it('knows which states end a run and which leave a canary out there', () => {
    expect(
      ['ready', 'promoted', 'rolled-back', 'rollback-failed', 'unknown'].every((s) =>
        isTerminal(s as RunState),
      ),
    ).toBe(true);
    expect(isTerminal('monitoring')).toBe(false);
    expect(hasLiveCanary('ready')).toBe(true);
    expect(hasLiveCanary('failed')).toBe(true);
    expect(hasLiveCanary('rolled-back')).toBe(false);
    expect(hasLiveCanary('promoted')).toBe(false);
  });
});
