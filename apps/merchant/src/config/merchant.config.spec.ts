import { describe, expect, it } from 'vitest';
import { loadMerchantConfig } from './merchant.config.js';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/kyc_test' };
const production = {
  ...base,
  NODE_ENV: 'production',
  PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PII_BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
};

describe('MerchantConfig', () => {
  it('retries webhooks 8 times over at least 12 hours by default (14.6 h at the low end of the jitter)', () => {
    const config = loadMerchantConfig(base);
    expect([config.WEBHOOK_MAX_ATTEMPTS, config.WEBHOOK_RETRY_BASE_MS, config.WEBHOOK_RETRY_FACTOR]).toEqual([8, 60_000, 3]);
    expect(config.webhookRetryWindowMs).toBeGreaterThanOrEqual(12 * 3600_000);
    expect(() => loadMerchantConfig(production)).not.toThrow();
  });

  it('refuses fewer than 6 attempts anywhere, and a short schedule or private webhook targets in production', () => {
    expect(() => loadMerchantConfig({ ...base, WEBHOOK_MAX_ATTEMPTS: '5' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
    expect(() => loadMerchantConfig({ ...production, WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_FACTOR: '1.5' })).toThrow(/12 hours/);
    expect(() => loadMerchantConfig({ ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_TARGETS/);
  });

  it('allows short schedules for tests, and private webhook targets outside production', () => {
    const config = loadMerchantConfig({ ...base, NODE_ENV: 'test', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_FACTOR: '1.5', WEBHOOK_MAX_ATTEMPTS: '6' });
    expect([config.WEBHOOK_RETRY_BASE_MS, config.WEBHOOK_RETRY_FACTOR, config.allowPrivateWebhookTargets]).toEqual([300, 1.5, true]);
    expect(loadMerchantConfig(production).allowPrivateWebhookTargets).toBe(false);
  });

  it('holds due-diligence records 5 years by default, configurable, and refuses a hold under a year', () => {
    const config = loadMerchantConfig(base);
    expect([config.LEGAL_HOLD_YEARS, config.DRAFT_RETENTION_DAYS, config.OUTBOX_RETENTION_DAYS, config.ERASURE_RECEIPT_RETENTION_DAYS]).toEqual([
      5, 90, 30, 30,
    ]);
    expect(loadMerchantConfig({ ...base, LEGAL_HOLD_YEARS: '10' }).LEGAL_HOLD_YEARS).toBe(10);
    expect(() => loadMerchantConfig({ ...base, LEGAL_HOLD_YEARS: '0' })).toThrow(/LEGAL_HOLD_YEARS/);
  });
});
