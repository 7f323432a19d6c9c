import { describe, expect, it } from 'vitest';
import { assertTestDatabaseName, createTestDatabase, uniqueTestDatabaseName } from './test-database.js';

describe('assertTestDatabaseName', () => {
  it.each(['kyc', 'postgres', 'production', 'template1', 'kyc_prod', ''])('refuses "%s": its name does not say it is for tests', (name) => {
    expect(() => assertTestDatabaseName(name)).toThrow(`Refusing to use database "${name}" for tests: its name must contain "test"`);
  });

  it.each(['kyc_test', 'kyc_e2e_test', 'TEST_kyc', 'kyc_audit_test_lz3k1a_0f9e2c'])('accepts "%s"', (name) => {
    expect(() => assertTestDatabaseName(name)).not.toThrow();
  });

  it('accepts every name it generates, unique per call and within PostgreSQL’s 63-byte limit', () => {
    const names = ['kyc_test', 'kyc_int_test', 'kyc_e2e_test', 'kyc_identity_subject_data_test'].flatMap((prefix) => [
      uniqueTestDatabaseName(prefix),
      uniqueTestDatabaseName(prefix),
    ]);
    for (const name of names) {
      expect(() => assertTestDatabaseName(name)).not.toThrow();
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(uniqueTestDatabaseName()).toMatch(/^kyc_test_[0-9a-z]+_[0-9a-f]{6}$/);
  });

  it('refuses a prefix without "test" before connecting to any server', async () => {
    expect(() => uniqueTestDatabaseName('kyc')).toThrow(/must contain "test"/);
    // Port 1 on loopback answers nothing: the refusal has to come first.
    await expect(createTestDatabase('postgres://postgres@127.0.0.1:1/postgres', 'production')).rejects.toThrow(/must contain "test"/);
  });
});
