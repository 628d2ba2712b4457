import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** A certificate and its private key, both PEM. */
export interface PemPair {
  cert: string;
  key: string;
}

/** A certificate authority that signs server and client certificates for tests. */
export interface TestCertificateAuthority extends PemPair {
  /** A server certificate for 127.0.0.1 and localhost. */
  server(): PemPair;
  /** A client certificate whose CN is the user name (and O the groups), as kube-apiserver reads it. */
  client(user: string, groups?: string[]): PemPair;
}

function keyPair() {
  // Node's own RSA key generation: forge's pure-JS one would take seconds per key.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

/**
 * Makes a fresh CA in memory (no openssl needed on the machine), so a test can serve the
 * fake over HTTPS with its own CA and check what clients do with it, and with a wrong one.
 */
export function createTestCertificateAuthority(
  name = 'fake-kubernetes-ca',
): TestCertificateAuthority {
  const ca = keyPair();
  let serial = 1;
  const make = (
    subject: forge.pki.CertificateField[],
    issuer: forge.pki.CertificateField[],
    publicKey: forge.pki.PublicKey,
    extensions: object[],
  ) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = (serial++).toString(16).padStart(2, '0');
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
    cert.setSubject(subject);
    cert.setIssuer(issuer);
    cert.setExtensions(extensions);
    cert.sign(ca.key, forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  };
  const caSubject = [{ name: 'commonName', value: name }];
  const caCert = make(caSubject, caSubject, ca.publicKey, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const issue = (subject: forge.pki.CertificateField[], extensions: object[]): PemPair => {
    const leaf = keyPair();
    return { cert: make(subject, caSubject, leaf.publicKey, extensions), key: leaf.pem };
  };
  return {
    cert: caCert,
    key: ca.pem,
    server: () =>
      issue(
        [{ name: 'commonName', value: 'fake-kubernetes' }],
        [
          { name: 'basicConstraints', cA: false },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              { type: 7, ip: '127.0.0.1' },
              { type: 2, value: 'localhost' },
            ],
          },
        ],
      ),
    client: (user, groups = []) =>
      issue(
        [
          { name: 'commonName', value: user },
          ...groups.map((g) => ({ name: 'organizationName', value: g })),
        ],
        [
          { name: 'basicConstraints', cA: false },
          { name: 'extKeyUsage', clientAuth: true },
        ],
      ),
  };
}
