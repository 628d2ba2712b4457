import { describe, expect, it } from 'vitest';
import { parseFlags } from './parse-flags.js';
import { UsageError } from './usage-error.js';

const spec = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  header: { type: 'string', multiple: true },
} as const;

function usageMessage(argv: string[]): string {
  try {
    parseFlags('smoke', argv, spec);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseFlags', () => {
  it('parses --flag=value, --flag value, booleans and repeated flags', () => {
    expect(
      parseFlags('smoke', ['--url=http://a', '--json', '--header', 'A: 1', '--header=B: 2'], spec),
    ).toEqual({
      url: 'http://a',
      json: true,
      header: ['A: 1', 'B: 2'],
    });
  });

  it('names an unknown flag and says where to find the flags', () => {
    expect(usageMessage(['--nope'])).toBe(
      'smoke: unknown flag "--nope". Run "n1v1 smoke --help" for the flags.',
    );
  });

  it('names a stray positional argument', () => {
    expect(usageMessage(['http://a'])).toBe(
      'smoke: unexpected argument "http://a". Run "n1v1 smoke --help" for the flags.',
    );
  });

  it('names a flag whose value is missing', () => {
    expect(usageMessage(['--url'])).toBe(
      'smoke: flag "--url" needs a value. Run "n1v1 smoke --help" for the flags.',
    );
  });

  it('keeps the first line of any other parse error', () => {
    expect(usageMessage(['--json=yes'])).toMatch(
      /^smoke: Option '--json' does not take an argument/,
    );
  });
});
