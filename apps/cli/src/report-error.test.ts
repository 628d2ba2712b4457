import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test/memory-io.js';
import { reportError } from './report-error.js';

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('reportError', () => {
  it('maps configuration errors of the packages to exit code 2', () => {
    const io = memoryIo();
    expect(
      reportError(coded('config: monitor.intervalSec must be a number', 'E_CONFIG_INVALID'), io),
    ).toBe(2);
    expect(io.err()).toBe('n1v1: config: monitor.intervalSec must be a number\n');
  });

  it('maps a failed rollback to exit code 3', () => {
    expect(reportError(coded('rollback failed', 'E_ROLLBACK_FAILED'), memoryIo())).toBe(3);
  });

  it('prints only the first line of a multi-line message and never a stack', () => {
    const io = memoryIo();
    const error = new Error('first line\n    at secret (/x.js:1:1)');
    expect(reportError(error, io)).toBe(1);
    expect(io.err()).toBe('n1v1: first line\n');
  });

  it('reports a thrown non-error value as exit code 1', () => {
    const io = memoryIo();
    expect(reportError('boom', io)).toBe(1);
    expect(io.err()).toBe('n1v1: boom\n');
  });

  it('prefers an explicit exitCode on the error', () => {
    expect(
      reportError(Object.assign(new Error('x'), { exitCode: 3, code: 'E_USAGE' }), memoryIo()),
    ).toBe(3);
  });
});
