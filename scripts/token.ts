/**
 * Prints a signed development token that the local stack accepts:
 *   npm run token -- --sub <id> --roles <r1,r2> [--merchant-id <id>] [--ttl 12h]
 * Production gateways verify tokens of the real issuer instead (RS256 public
 * key or JWKS; see docs/operations.md).
 */
import { loadDevSecrets } from '#libs/config';
import { signDevToken } from '#libs/testing';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROLES = ['user', 'merchant', 'risk_analyst', 'reviewer', 'privacy_officer', 'admin'];

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    roles: { type: 'string' },
    'merchant-id': { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\nusage: npm run token -- --sub <id> --roles <${ROLES.join('|')}>[,...] [--merchant-id <id>] [--ttl 12h]\n`);
  process.exit(2);
}

const roles = (values.roles ?? '').split(',').filter(Boolean);
if (!values.sub) fail('--sub is required');
if (roles.length === 0 || roles.some((role) => !ROLES.includes(role))) fail(`--roles must list known roles`);

const env = process.env;
const token = await signDevToken(
  { sub: values.sub, roles, merchantId: values['merchant-id'] },
  {
    secret: env['AUTH_JWT_SECRET'] ?? loadDevSecrets(resolve(env['KYC_DATA_DIR'] ?? '.data')).jwtSecret,
    issuer: env['AUTH_JWT_ISSUER'],
    audience: env['AUTH_JWT_AUDIENCE'],
    expiresAt: values.ttl,
  },
);
process.stdout.write(`${token}\n`);
