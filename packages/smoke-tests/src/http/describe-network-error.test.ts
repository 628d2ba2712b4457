import { describe, expect, it } from 'vitest';
import { describeNetworkError } from './describe-network-error.js';

function coded(code: string, message = 'boom', extra: object = {}) {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('describeNetworkError', () => {
  it('says a refused connection means nothing is listening', () => {
    expect(describeNetworkError(coded('ECONNREFUSED'), '127.0.0.1:9', '127.0.0.1')).toBe(
      'connection refused by 127.0.0.1:9 (is the service running?)',
    );
  });

  it('names the host whose DNS lookup failed', () => {
    expect(describeNetworkError(coded('ENOTFOUND'), 'x.invalid:80', 'x.invalid')).toBe(
      'DNS lookup of "x.invalid" failed (ENOTFOUND): check the host name',
    );
  });

  it('explains certificate failures and how to trust the certificate', () => {
    const line = describeNetworkError(
      coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
      'h:443',
      'h',
    );
    expect(line).toContain('TLS certificate of h:443 did not verify: self-signed certificate');
    expect(line).toContain('--ca');
    expect(
      describeNetworkError(
        coded('ERR_TLS_CERT_ALTNAME_INVALID', 'x', { reason: 'IP mismatch' }),
        'h:1',
        'h',
      ),
    ).toContain('did not verify: IP mismatch');
  });

  it('suggests plain HTTP when the TLS handshake itself fails', () => {
    expect(describeNetworkError(coded('ERR_SSL_WRONG_VERSION_NUMBER'), 'h:80', 'h')).toContain(
      'is it serving plain HTTP?',
    );
  });

  it('covers resets, parse errors, unreachable hosts and anything else in one line', () => {
    expect(describeNetworkError(coded('ECONNRESET'), 'h:1', 'h')).toBe(
      'connection reset by h:1 before it answered',
    );
    expect(describeNetworkError(coded('HPE_INVALID_CONSTANT'), 'h:1', 'h')).toBe(
      'h:1 sent an invalid HTTP response (HPE_INVALID_CONSTANT)',
    );
    expect(describeNetworkError(coded('EHOSTUNREACH'), 'h:1', 'h')).toBe(
      'h:1 is unreachable (EHOSTUNREACH)',
    );
    expect(describeNetworkError(coded('EWHATEVER', 'odd\nsecond line'), 'h:1', 'h')).toBe(
      'request to h:1 failed: odd (EWHATEVER)',
    );
    expect(describeNetworkError('weird', 'h:1', 'h')).toBe('request to h:1 failed: weird');
  });
});
