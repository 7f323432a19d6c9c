/**
 * `npm run certs`: a development CA and one certificate per app for mutual
 * TLS on internal gRPC, written to `<KYC_DATA_DIR>/certs` (or `--out`).
 * Point GRPC_TLS_CA / GRPC_TLS_CERT / GRPC_TLS_KEY of each app at them.
 * Production certificates come from your own PKI (docs/operations.md).
 */
import { generateDevCertificates } from '#libs/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const APPS = ['gateway', 'identity', 'merchant', 'risk', 'privacy'];
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(process.env['KYC_DATA_DIR'] ?? '.data', 'certs'));
mkdirSync(out, { recursive: true });

const certs = await generateDevCertificates(APPS);
writeFileSync(join(out, 'ca.pem'), certs.ca.cert);
writeFileSync(join(out, 'ca.key'), certs.ca.key, { mode: 0o600 });
for (const [name, pair] of Object.entries(certs.leaves)) {
  writeFileSync(join(out, `${name}.pem`), pair.cert);
  writeFileSync(join(out, `${name}.key`), pair.key, { mode: 0o600 });
}
process.stdout.write(`Wrote a development CA and certificates for ${APPS.join(', ')} to ${out}\n`);
process.stdout.write(`For each app: GRPC_TLS_CA=${join(out, 'ca.pem')} GRPC_TLS_CERT=${join(out, '<app>.pem')} GRPC_TLS_KEY=${join(out, '<app>.key')}\n`);
