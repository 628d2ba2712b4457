import { ExampleServiceError } from '../example-service-error.js';

/** How the simulated exchange answers its readiness check. */
export type ExchangeMode = 'ok' | 'fail' | 'hang';

/** The faults the service can inject; every one can change at runtime. */
export interface Faults {
  /** Fraction of trading-API requests answered 500, from 0 to 1. Default 0. */
  errorRate: number;
  /** Added to every trading-API request, in ms. Default 0. */
  latencyMs: number;
  /** Answer of the exchange readiness check. Default `ok`. */
  exchange: ExchangeMode;
  /** Blocks the event loop this long every second, in ms (0 = never). Default 0. */
  stallEventLoopMs: number;
}

export const NO_FAULTS: Faults = {
  errorRate: 0,
  latencyMs: 0,
  exchange: 'ok',
  stallEventLoopMs: 0,
};

const EXCHANGE_MODES: readonly string[] = ['ok', 'fail', 'hang'];

/**
 * Checks a partial set of faults and returns the problems, one sentence each, named the way
 * the caller knows them (environment variable or JSON field).
 */
export function faultProblems(
  input: Record<string, unknown>,
  names: Record<keyof Faults, string>,
): string[] {
  const problems: string[] = [];
  const number = (key: 'errorRate' | 'latencyMs' | 'stallEventLoopMs', max: number) => {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
      problems.push(
        `${names[key]} must be a number from 0 to ${max} (got ${JSON.stringify(value)})`,
      );
    }
  };
  number('errorRate', 1);
  number('latencyMs', 60_000);
  number('stallEventLoopMs', 10_000);
  if (input.exchange !== undefined && !EXCHANGE_MODES.includes(input.exchange as string)) {
    problems.push(
      `${names.exchange} must be ok, fail or hang (got ${JSON.stringify(input.exchange)})`,
    );
  }
  return problems;
}

export const FIELD_NAMES: Record<keyof Faults, string> = {
  errorRate: 'errorRate',
  latencyMs: 'latencyMs',
  exchange: 'exchange',
  stallEventLoopMs: 'stallEventLoopMs',
};

/** The live fault switches; listeners hear every change (the event-loop staller does). */
export class FaultSwitches {
  private current: Faults;
  private readonly listeners = new Set<(faults: Faults) => void>();

  constructor(initial: Partial<Faults> = {}) {
    this.current = { ...NO_FAULTS, ...pick(initial) };
  }

  get(): Faults {
    return this.current;
  }

  /** Applies a partial update after validating it; throws E_CONFIG_INVALID listing every problem. */
  update(patch: Record<string, unknown>): Faults {
    const unknown = Object.keys(patch).filter((key) => !(key in NO_FAULTS));
    const problems = [
      ...unknown.map(
        (key) => `unknown fault "${key}" (known: ${Object.keys(NO_FAULTS).join(', ')})`,
      ),
      ...faultProblems(patch, FIELD_NAMES),
    ];
    if (problems.length > 0) throw new ExampleServiceError('E_CONFIG_INVALID', problems.join('; '));
    this.current = { ...this.current, ...pick(patch as Partial<Faults>) };
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChange(listener: (faults: Faults) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function pick(input: Partial<Faults>): Partial<Faults> {
  const out: Partial<Faults> = {};
  for (const key of Object.keys(NO_FAULTS) as Array<keyof Faults>) {
    if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  }
  return out;
}
