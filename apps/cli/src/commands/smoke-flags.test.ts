import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/memory-io.js';
import { readLoadFlags, readTargetFlags } from './smoke-flags.js';

const dir = mkdtempSync(join(tmpdir(), 'n1v1-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTargetFlags', () => {
  it('reads headers, timeout, TLS settings and a CA file relative to the working directory', () => {
    writeFileSync(join(dir, 'ca.pem'), 'PEM');
    const io = { ...memoryIo(), cwd: dir };
    expect(
      readTargetFlags(
        'smoke',
        {
          url: 'http://h',
          header: ['X-A: 1', 'X-B:two words'],
          timeout: '2s',
          insecure: true,
          ca: 'ca.pem',
        },
        io,
      ),
    ).toEqual({
      url: 'http://h',
      headers: { 'X-A': '1', 'X-B': 'two words' },
      insecure: true,
      ca: 'PEM',
      timeoutMs: 2000,
    });
  });

  it('prefers --token to the environment and leaves both out when neither is set', () => {
    const io = memoryIo({ N1V1_SMOKE_TOKEN: 'from-env' });
    expect(readTargetFlags('smoke', { url: 'http://h' }, io).token).toBe('from-env');
    expect(readTargetFlags('smoke', { url: 'http://h', token: 'from-flag' }, io).token).toBe(
      'from-flag',
    );
    expect(readTargetFlags('smoke', { url: 'http://h' }, memoryIo())).toEqual({
      url: 'http://h',
      headers: {},
    });
  });
});

describe('readLoadFlags', () => {
  it('reads durations, counts, ms or duration limits and rates as fractions or percentages', () => {
    expect(
      readLoadFlags('load', {
        duration: '1m30s',
        connections: '50',
        'max-p99': '250',
        'max-error-rate': '0.5%',
        'min-rps': '12.5',
      }),
    ).toEqual({
      durationSec: 90,
      connections: 50,
      maxP99Ms: 250,
      maxErrorRate: 0.005,
      minRps: 12.5,
    });
    expect(readLoadFlags('load', { 'max-p99': '0.5s', 'max-error-rate': '0.02' })).toEqual({
      maxP99Ms: 500,
      maxErrorRate: 0.02,
    });
    expect(readLoadFlags('load', { 'max-p99': '0.75' })).toEqual({ maxP99Ms: 0.75 });
    expect(readLoadFlags('load', { 'max-p99': '1.5ms' })).toEqual({ maxP99Ms: 1.5 });
    expect(readLoadFlags('load', {})).toEqual({});
  });

  it('refuses an error rate above 1', () => {
    expect(() => readLoadFlags('load', { 'max-error-rate': '2' })).toThrow(
      '--max-error-rate must be a fraction from 0 to 1',
    );
  });
});
