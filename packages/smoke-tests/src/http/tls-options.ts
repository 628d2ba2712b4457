import { rootCertificates } from 'node:tls';
import type { TlsOptions } from '../smoke-types.js';

/**
 * Options for tls.connect from the suite's TLS settings. A given CA is added to Node's
 * bundled roots rather than replacing them, so `--ca` never breaks a public certificate.
 */
export function tlsConnectOptions(tls: TlsOptions): { rejectUnauthorized: boolean; ca?: string[] } {
  return {
    rejectUnauthorized: !tls.insecure,
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
  };
}
