import { describe, expect, it } from 'vitest';
import { defaultVersion, overridesOf } from './canary-options.js';
import { validateVersion } from './validate-version.js';
import { verdictExitCode } from './verdict-exit-code.js';

describe('run options', () => {
  it('takes the version from N1V1_VERSION, else the commit, else the time', () => {
    expect(defaultVersion({ N1V1_VERSION: '1.2.3', GITHUB_SHA: 'abc' })).toBe('1.2.3');
    expect(defaultVersion({ GITHUB_SHA: '0123456789abcdef0123' })).toBe('0123456789ab');
    expect(defaultVersion({}, new Date('2025-03-04T05:06:07Z'))).toBe('dev-20250304T050607');
  });

  it('keeps only the environment-block fields as config overrides', () => {
    expect(
      overridesOf({
        env: 'staging',
        version: '1',
        dryRun: true,
        monitor: { durationSec: 5 },
        canaryUrl: 'http://x',
      }),
    ).toEqual({
      monitor: { durationSec: 5 },
      canaryUrl: 'http://x',
    });
  });

  it('accepts tag-safe versions and names a bad one', () => {
    expect(validateVersion('1.2.3-rc.1+build')).toBe('1.2.3-rc.1+build');
    expect(() => validateVersion('1.0 beta')).toThrow(
      'version "1.0 beta" is invalid: use letters, digits, ".", "_", "+" and "-" (at most 128)',
    );
    expect(() => validateVersion('-x')).toThrow();
  });

  it('maps every verdict to its exit code', () => {
    expect(['ready', 'promoted', 'planned'].map((v) => verdictExitCode(v as 'ready'))).toEqual([
      0, 0, 0,
    ]);
    expect(['rolled-back', 'failed'].map((v) => verdictExitCode(v as 'failed'))).toEqual([1, 1]);
    expect(['rollback-failed', 'unknown'].map((v) => verdictExitCode(v as 'unknown'))).toEqual([
      3, 3,
    ]);
  });
});
