import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke } from '../src/index.js';
import { contractService } from './helpers/contract-service.js';
import { Fixtures, selfSignedCertificate } from './helpers/fixtures.js';
import { expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

describe('TLS', () => {
  const tls = selfSignedCertificate();

  it('verifies certificates by default and fails the checks when verification fails', async () => {
    const url = await fixtures.https(contractService(), tls);
    const report = await runSmoke({ url, config: { skip: ['resources'] } });
    expect(report.status).toBe('fail');
    expect(report.checks[0]!.error).toContain('did not verify');
  });

  it('passes when the certificate is trusted through ca', async () => {
    const url = await fixtures.https(contractService(), tls);
    const report = await runSmoke({ url, ca: tls.cert, config: { skip: ['resources'] } });
    expectValidReport(report);
    expect(report.status).toBe('pass');
  });

  it('passes when verification is switched off with insecure', async () => {
    const url = await fixtures.https(contractService(), tls);
    const report = await runSmoke({
      url,
      insecure: true,
      config: { skip: ['resources'] },
      load: { durationSec: 0.5, connections: 1 },
    });
    expect(report.status).toBe('pass');
    expect(report.load?.status).toBe('pass');
  });

  it('says so when https is pointed at a plain HTTP port', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({ url: url.replace('http:', 'https:') });
    expect(report.checks[0]!.error).toMatch(
      /^GET \/health: TLS handshake with 127\.0\.0\.1:\d+ failed \((EPROTO|ERR_SSL_[A-Z_]+)\): is it serving plain HTTP\?$/,
    );
  });
});
