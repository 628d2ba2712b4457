/** Certificate errors Node reports when verification fails (tls and OpenSSL codes). */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * One line for a request that got no usable answer: what happened and, where there is
 * one, what to do. `where` is `host:port`.
 */
export function describeNetworkError(error: unknown, where: string, host: string): string {
  const err = (error ?? {}) as { code?: unknown; message?: unknown; reason?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message.split('\n')[0]! : String(error);
  if (code === 'ECONNREFUSED') return `connection refused by ${where} (is the service running?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return `DNS lookup of "${host}" failed (${code}): check the host name`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return `connection reset by ${where} before it answered`;
  }
  if (CERT_CODES.has(code)) {
    const why = typeof err.reason === 'string' ? err.reason : message;
    return `TLS certificate of ${where} did not verify: ${why} (${code}); trust its CA with --ca, or skip verification with --insecure`;
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return `TLS handshake with ${where} failed (${code}): is it serving plain HTTP?`;
  }
  if (code.startsWith('HPE_')) return `${where} sent an invalid HTTP response (${code})`;
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL'].includes(code)) {
    return `${where} is unreachable (${code})`;
  }
  return code
    ? `request to ${where} failed: ${message} (${code})`
    : `request to ${where} failed: ${message}`;
}
