import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendStepSummary,
  escapeData,
  escapeProperty,
  inGithubActions,
  renderAnnotations,
} from './github-actions.js';

const dir = mkdtempSync(join(tmpdir(), 'n1v1-gha-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GitHub workflow commands', () => {
  it('escape messages and properties by the rules of @actions/core', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('smoke: a, b\n')).toBe('smoke%3A a%2C b%0A');
  });

  it('write one ::error line per failure', () => {
    expect(
      renderAnnotations([{ title: 'smoke health failed', message: 'GET /health: refused' }]),
    ).toBe('::error title=smoke health failed::GET /health: refused\n');
    expect(renderAnnotations([])).toBe('');
  });

  it('stop at the limit with a last line that counts the rest', () => {
    const failures = Array.from({ length: 5 }, (_, i) => ({ title: `c${i}`, message: `m${i}` }));
    expect(renderAnnotations(failures, 3).trim().split('\n')).toEqual([
      '::error title=c0::m0',
      '::error title=c1::m1',
      '::error title=more failures::3 more checks failed; see the job summary or the report',
    ]);
    expect(renderAnnotations(failures, 5).trim().split('\n')).toHaveLength(5);
  });

  it('append the summary to the file GitHub names, and do nothing without one', () => {
    const file = join(dir, 'summary.md');
    appendStepSummary({ GITHUB_STEP_SUMMARY: file }, '# one');
    appendStepSummary({ GITHUB_STEP_SUMMARY: file }, '# two\n');
    expect(readFileSync(file, 'utf8')).toBe('# one\n\n# two\n\n');
    expect(() => appendStepSummary({}, '# nowhere')).not.toThrow();
  });

  it('know when they run under GitHub Actions', () => {
    expect(inGithubActions({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(inGithubActions({ GITHUB_ACTIONS: 'false' })).toBe(false);
    expect(inGithubActions({})).toBe(false);
  });
});
