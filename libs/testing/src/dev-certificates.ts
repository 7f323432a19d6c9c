import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface PemPair {
  cert: string;
  key: string;
}

export interface DevCertificates {
  ca: PemPair;
  /** One certificate per name, valid both as a server and as a client (mutual TLS). */
  leaves: Record<string, PemPair>;
}

async function exportKey(key: CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

const newKeys = async (): Promise<CryptoKeyPair> => (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;

/**
 * A development CA and leaf certificates for internal gRPC, for local mTLS
 * and tests. Production certificates come from the operator's own PKI.
 */
export async function generateDevCertificates(names: string[], caName = 'kyc-gateway development CA'): Promise<DevCertificates> {
  const caKeys = await newKeys();
  const notBefore = new Date(Date.now() - 60_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${caName}`,
    keys: caKeys as never,
    signingAlgorithm: ALGORITHM,
    notBefore,
    notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leaves: Record<string, PemPair> = {};
  for (const name of names) {
    const keys = await newKeys();
    const cert = await x509.X509CertificateGenerator.create({
      subject: `CN=${name}`,
      issuer: ca.subject,
      publicKey: keys.publicKey as never,
      signingKey: caKeys.privateKey as never,
      signingAlgorithm: ALGORITHM,
      notBefore,
      notAfter: new Date(Date.now() + 825 * 86_400_000),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: name },
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ]),
      ],
    });
    leaves[name] = { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
  }
  return { ca: { cert: ca.toString('pem'), key: await exportKey(caKeys.privateKey) }, leaves };
}
