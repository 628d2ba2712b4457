import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './options-from-env.js';

describe('optionsFromEnv', () => {
  it('reads every variable', () => {
    expect(
      optionsFromEnv({
        PORT: '0',
        HOST: '0.0.0.0',
        N1V1_VERSION: '1.4.2',
        N1V1_RELEASE_ID: 'abc123',
        N1V1_ENVIRONMENT: 'staging',
        N1V1_ERROR_RATE: '0.05',
        N1V1_LATENCY_MS: '250',
        N1V1_EXCHANGE: 'hang',
        N1V1_STALL_EVENT_LOOP_MS: '300',
        N1V1_CRASH_ON_START: '1',
        N1V1_SHUTDOWN_DELAY_MS: '5000',
        N1V1_SHUTDOWN_TIMEOUT_MS: '20000',
        N1V1_DETAILS_TOKEN: 'ops-token',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      version: '1.4.2',
      releaseId: 'abc123',
      environment: 'staging',
      errorRate: 0.05,
      latencyMs: 250,
      exchange: 'hang',
      stallEventLoopMs: 300,
      crashOnStart: true,
      shutdownDelayMs: 5000,
      shutdownTimeoutMs: 20000,
      detailsToken: 'ops-token',
    });
  });

  it('leaves out what is unset or blank', () => {
    expect(optionsFromEnv({ PORT: ' ', N1V1_CRASH_ON_START: '0' })).toEqual({
      crashOnStart: false,
    });
  });

  it('names every bad variable in one line', () => {
    expect(() => optionsFromEnv({ PORT: 'eighty', N1V1_LATENCY_MS: 'slow' })).toThrow(
      'PORT must be a number (got "eighty"); N1V1_LATENCY_MS must be a number (got "slow")',
    );
    expect(() =>
      optionsFromEnv({ N1V1_ERROR_RATE: '5', N1V1_EXCHANGE: 'down', PORT: '70000' }),
    ).toThrow(
      'N1V1_ERROR_RATE must be a number from 0 to 1 (got 5); N1V1_EXCHANGE must be ok, fail or hang (got "down"); PORT must be an integer from 0 to 65535 (got 70000)',
    );
  });
});
