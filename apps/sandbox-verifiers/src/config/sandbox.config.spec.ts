import { describe, expect, it } from 'vitest';
import { loadSandboxConfig } from './sandbox.config.js';

describe('loadSandboxConfig', () => {
  it('has the documented defaults', () => {
    const config = loadSandboxConfig({});
    expect(config).toMatchObject({
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: 8090,
      SANDBOX_LATENCY_MS: 30,
      SANDBOX_TIMEOUT_DELAY_MS: 30_000,
      SANDBOX_ERROR_RATE: 0,
      SANDBOX_RATE_LIMIT_PER_MINUTE: 15,
    });
    expect(config.tlsConfigured).toBe(false);
  });

  it('converts numeric variables from their string form', () => {
    const config = loadSandboxConfig({
      SANDBOX_PORT: '18090',
      SANDBOX_LATENCY_MS: '0',
      SANDBOX_ERROR_RATE: '0.25',
      SANDBOX_RATE_LIMIT_PER_MINUTE: '3',
      SANDBOX_TIMEOUT_DELAY_MS: '50',
    });
    expect(config).toMatchObject({
      SANDBOX_PORT: 18090,
      SANDBOX_LATENCY_MS: 0,
      SANDBOX_ERROR_RATE: 0.25,
      SANDBOX_RATE_LIMIT_PER_MINUTE: 3,
      SANDBOX_TIMEOUT_DELAY_MS: 50,
    });
  });

  it('names bad keys and refuses production and half a TLS setup', () => {
    expect(() => loadSandboxConfig({ SANDBOX_ERROR_RATE: '1.5' })).toThrow(/SANDBOX_ERROR_RATE/);
    expect(() => loadSandboxConfig({ SANDBOX_PORT: 'http' })).toThrow(/SANDBOX_PORT/);
    expect(() => loadSandboxConfig({ SANDBOX_TLS_CERT: '/tmp/cert.pem' })).toThrow(/SANDBOX_TLS_CERT and SANDBOX_TLS_KEY/);
    expect(() => loadSandboxConfig({ NODE_ENV: 'production' })).toThrow(/refuses NODE_ENV=production/);
  });
});
