import { describe, expect, it } from 'vitest';
import type { Check, CheckContext } from '../checks/check-types.js';
import type { ProgressEvent } from '../smoke-types.js';
import { runChecks } from './run-checks.js';

const context = {} as CheckContext;

describe('runChecks', () => {
  it('turns a check that throws into a failed check with the first line of the error', async () => {
    const broken: Check = {
      name: 'broken',
      run: async () => {
        throw new Error('cannot read x\n    at somewhere');
      },
    };
    const fine: Check = { name: 'fine', run: async () => ({ status: 'pass' }) };
    const events: ProgressEvent[] = [];
    const results = await runChecks(
      [broken, fine],
      context,
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(results).toMatchObject([
      { name: 'broken', status: 'fail', error: 'the check broke: cannot read x' },
      { name: 'fine', status: 'pass' },
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'check-start',
      'check-start',
      'check-end',
      'check-end',
    ]);
  });

  it('keeps the given order whatever order the checks finish in', async () => {
    const slow: Check = {
      name: 'slow',
      run: () => new Promise((r) => setTimeout(() => r({ status: 'pass' }), 30)),
    };
    const quick: Check = { name: 'quick', run: async () => ({ status: 'skip', error: 'why' }) };
    const results = await runChecks(
      [slow, quick],
      context,
      () => undefined,
      new AbortController().signal,
    );
    expect(results.map((r) => r.name)).toEqual(['slow', 'quick']);
  });
});
