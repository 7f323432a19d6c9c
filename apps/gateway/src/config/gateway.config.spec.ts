import { devSecretsPath, loadDevSecrets } from '#libs/config';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './gateway.config.js';

const STRONG_SECRET = 'Qm9vdHN0cmFwcGVkLXByb2R1Y3Rpb24tc2VjcmV0LTAx';
const dirs: string[] = [];

/** A fresh KYC_DATA_DIR, so no test reads or writes the checkout's `.data`. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-gateway-config-'));
  dirs.push(dir);
  return dir;
}

function production(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/kyc_test',
    NODE_ENV: 'production',
    KYC_DATA_DIR: dataDir(),
    PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    PII_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
    AUTH_JWT_ISSUER: 'https://auth.example.com',
    AUTH_JWT_SECRET: STRONG_SECRET,
    ...overrides,
  };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('GatewayConfig in production', () => {
  it('accepts a proper production config: a strong secret, a public key or a JWKS endpoint, and a named issuer', () => {
    expect(loadGatewayConfig(production()).jwtSecret()).toBe(STRONG_SECRET);
    const publicKey = production({ AUTH_JWT_SECRET: undefined, AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----' });
    expect(loadGatewayConfig(publicKey).jwtSecret()).toBeUndefined();
    expect(() => loadGatewayConfig(production({ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json' }))).not.toThrow();
  });

  it('refuses the development issuer', () => {
    expect(() => loadGatewayConfig(production({ AUTH_JWT_ISSUER: undefined }))).toThrow(/AUTH_JWT_ISSUER must name the production token issuer/);
    expect(() => loadGatewayConfig(production({ AUTH_JWT_ISSUER: 'kyc-dev-issuer' }))).toThrow(/AUTH_JWT_ISSUER/);
  });

  it('refuses a missing secret without a public key or JWKS endpoint, and never generates one', () => {
    const env = production({ AUTH_JWT_SECRET: undefined });
    expect(() => loadGatewayConfig(env)).toThrow(/AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required in production/);
    expect(existsSync(devSecretsPath(env['KYC_DATA_DIR']!))).toBe(false);
  });

  it('refuses a short secret, and one that is a default value, without echoing it', () => {
    const short = 'short-but-real-0123456789';
    expect(() => loadGatewayConfig(production({ AUTH_JWT_SECRET: short }))).toThrow(/AUTH_JWT_SECRET is invalid \(minLength\)/);
    expect(() => loadGatewayConfig(production({ AUTH_JWT_SECRET: short }))).not.toThrow(new RegExp(short));
    expect(() => loadGatewayConfig(production({ AUTH_JWT_SECRET: `changeme-${'x'.repeat(32)}` }))).toThrow(/AUTH_JWT_SECRET is a default value/);
  });

  it('refuses the secret of the generated dev-secrets file when it is copied into AUTH_JWT_SECRET', () => {
    const env = production();
    const generated = loadDevSecrets(env['KYC_DATA_DIR']!).jwtSecret;
    expect(() => loadGatewayConfig({ ...env, AUTH_JWT_SECRET: generated })).toThrow(/AUTH_JWT_SECRET is the generated development secret/);
    // Another secret beside the file is fine.
    expect(() => loadGatewayConfig(env)).not.toThrow();
  });
});

describe('GatewayConfig in development', () => {
  it('takes the token secret from the generated dev-secrets file, the same one `npm run token` signs with', () => {
    const dir = dataDir();
    const config = loadGatewayConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/kyc_test', KYC_DATA_DIR: dir });
    expect(config.jwtSecret()).toBe(loadDevSecrets(dir).jwtSecret);
    expect(config.AUTH_JWT_ISSUER).toBe('kyc-dev-issuer');
  });
});
