import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { GrpcServiceConfig } from './grpc-service.config.js';
import { loadConfig } from './load-config.js';

class TestServiceConfig extends GrpcServiceConfig {
  override GRPC_PORT: number = 50099;
}

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kyc_test' };

describe('loadConfig', () => {
  it('applies defaults and converts numeric variables', () => {
    const config = loadConfig('svc', TestServiceConfig, { ...base, GRPC_PORT: '50061', METRICS_PORT: '9100', DB_POOL_SIZE: '7' });
    expect(config).toMatchObject({ GRPC_PORT: 50061, METRICS_PORT: 9100, DB_POOL_SIZE: 7, GRPC_HOST: '127.0.0.1', NODE_ENV: 'development' });
  });

  it('refuses to start on a bad or missing key, naming it but not its value', () => {
    const error = (() => {
      try {
        loadConfig('svc', TestServiceConfig, { GRPC_PORT: 'seventy', PII_BLIND_INDEX_KEY: 's3cr3t-value' });
      } catch (caught) {
        return caught;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DATABASE_URL is required/);
    expect(error.message).toMatch(/GRPC_PORT is invalid/);
    expect(error.message).toMatch(/PII_BLIND_INDEX_KEY/);
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it('refuses generated keys and plaintext gRPC off loopback in production', () => {
    expect(() => loadConfig('svc', TestServiceConfig, { ...base, NODE_ENV: 'production', GRPC_HOST: '0.0.0.0' })).toThrow(
      /PII_ENCRYPTION_KEYS is required in production.*plaintext gRPC off loopback/s,
    );
  });

  it('accepts production with real keys on loopback', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const indexKey = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig('svc', TestServiceConfig, {
      ...base,
      NODE_ENV: 'production',
      PII_ENCRYPTION_KEYS: `2026-01:${key}`,
      PII_BLIND_INDEX_KEY: indexKey,
    });
    expect(config.piiKeys()).toEqual({ encryptionKeys: { '2026-01': key }, currentKeyId: '2026-01', blindIndexKey: indexKey, generated: false });
  });

  it('refuses a development key id in production', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const env = { ...base, NODE_ENV: 'production', PII_ENCRYPTION_KEYS: `dev-1:${key}`, PII_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64') };
    expect(() => loadConfig('svc', TestServiceConfig, env)).toThrow(/generated development key/);
  });
});
