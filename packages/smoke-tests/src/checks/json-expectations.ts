import { isDeepStrictEqual } from 'node:util';
import type { JsonExpectation } from '../config/config-types.js';

/** The value at a dotted path (`trading.venues.0`), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The first expectation the body does not meet, as one line; undefined when all hold. */
export function unmetExpectation(
  body: unknown,
  expectations: JsonExpectation[],
): string | undefined {
  for (const expectation of expectations) {
    const reason = check(valueAt(body, expectation.path), expectation);
    if (reason) return `expected ${expectation.path} ${reason}`;
  }
  return undefined;
}

function check(actual: unknown, e: JsonExpectation): string | undefined {
  const got = `got ${actual === undefined ? 'nothing' : show(actual)}`;
  if (e.exists !== undefined && e.exists !== (actual !== undefined)) {
    return e.exists ? 'to exist, got nothing' : `to be absent, ${got}`;
  }
  if ('equals' in e && !isDeepStrictEqual(actual, e.equals))
    return `to equal ${show(e.equals)}, ${got}`;
  if (e.in && !e.in.some((option) => isDeepStrictEqual(actual, option))) {
    return `to be one of ${e.in.map(show).join(', ')}, ${got}`;
  }
  if (
    e.matches !== undefined &&
    (typeof actual !== 'string' || !new RegExp(e.matches).test(actual))
  ) {
    return `to match /${e.matches}/, ${got}`;
  }
  const bounds: Array<[keyof JsonExpectation, string, (a: number, b: number) => boolean]> = [
    ['lt', '<', (a, b) => a < b],
    ['lte', '<=', (a, b) => a <= b],
    ['gt', '>', (a, b) => a > b],
    ['gte', '>=', (a, b) => a >= b],
  ];
  for (const [key, symbol, holds] of bounds) {
    const limit = e[key];
    if (typeof limit === 'number' && (typeof actual !== 'number' || !holds(actual, limit))) {
      return `${symbol} ${limit}, ${got}`;
    }
  }
  return undefined;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
