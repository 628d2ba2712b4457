/** Where a canary run is. The terminal states are the verdicts. */
export type RunState =
  | 'pending'
  | 'deploying'
  | 'smoking'
  | 'monitoring'
  | 'final-check'
  | 'ready'
  | 'promoting'
  | 'promoted'
  | 'rolling-back'
  | 'rolled-back'
  | 'rollback-failed'
  | 'failed'
  | 'unknown';

/** What moves a run on. `fail` is any rollback trigger; `lost` is a state nobody can vouch for. */
export type RunEvent =
  | 'start'
  | 'deployed'
  | 'smoked'
  | 'monitored'
  | 'checked'
  | 'promote'
  | 'promote-ok'
  | 'fail'
  | 'rollback'
  | 'rollback-ok'
  | 'rollback-error'
  | 'keep'
  | 'lost';

const ACTIVE: RunState[] = ['deploying', 'smoking', 'monitoring', 'final-check', 'promoting'];

/**
 * The canary flow as a table: deploy -> smoke -> monitor -> final check -> ready (-> promoted);
 * any failure of an active step goes to `failed` and from there to a rollback (or stays
 * `failed` with --no-rollback). Anything not in the table is a bug and throws.
 */
const TABLE: Partial<Record<RunState, Partial<Record<RunEvent, RunState>>>> = {
  pending: { start: 'deploying' },
  deploying: { deployed: 'smoking' },
  smoking: { smoked: 'monitoring' },
  monitoring: { monitored: 'final-check' },
  'final-check': { checked: 'ready' },
  ready: { promote: 'promoting' },
  promoting: { 'promote-ok': 'promoted' },
  failed: { rollback: 'rolling-back', keep: 'failed' },
  'rolling-back': { 'rollback-ok': 'rolled-back', 'rollback-error': 'rollback-failed' },
};

export function nextState(state: RunState, event: RunEvent): RunState {
  if (event === 'lost') return 'unknown';
  if (event === 'fail' && ACTIVE.includes(state)) return 'failed';
  const next = TABLE[state]?.[event];
  if (!next) throw new Error(`canary state machine: no transition from ${state} on ${event}`);
  return next;
}

/** States a run ends in. `failed` ends a run only with --no-rollback. */
export function isTerminal(state: RunState): boolean {
  return ['ready', 'promoted', 'rolled-back', 'rollback-failed', 'unknown'].includes(state);
}

/** A run in one of these states has a canary out there (for `n1v1 rollback` and recovery). */
export function hasLiveCanary(state: RunState): boolean {
  return [...ACTIVE, 'ready', 'failed', 'rolling-back', 'rollback-failed', 'unknown'].includes(
    state,
  );
}

/**
 * A small holder of the current state that reports each move, so the orchestrator cannot
 * change state without the journal hearing of it.
 */
export class RunStateMachine {
  private current: RunState = 'pending';

  constructor(
    private readonly onTransition: (from: RunState, to: RunState, event: RunEvent) => void,
  ) {}

  get state(): RunState {
    return this.current;
  }

  fire(event: RunEvent): RunState {
    const from = this.current;
    this.current = nextState(from, event);
    this.onTransition(from, this.current, event);
    return this.current;
  }
}
