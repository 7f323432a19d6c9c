import { describe, expect, it } from 'vitest';
import { randomKey } from '../testing/keys.fixture.js';
import { createPiiVault } from './pii-vault.js';

const ctx = { table: 'identity.kyc_sessions', column: 'mobile' };

describe('PiiVault', () => {
  it('bundles encryption, blind index and masking from plain config', () => {
    const vault = createPiiVault({
      encryptionKeys: { '2025-01': randomKey(), '2025-06': randomKey() },
      currentKeyId: '2025-06',
      blindIndexKey: randomKey(),
      masking: { mobile: { keepStart: 0, keepEnd: 4 } },
    });
    const ct = vault.encryptString('13812345678', ctx);
    expect(vault.keyRing.keyIdOf(ct)).toBe('2025-06');
    expect(vault.decryptString(ct, ctx)).toBe('13812345678');
    expect(vault.needsReencryption(ct)).toBe(false);
    expect(vault.blindIndex('mobile', '+86 138 1234 5678')).toBe(vault.blindIndex('mobile', '13812345678'));
    expect(vault.mask('mobile', '13812345678')).toBe('*******5678');
    expect(vault.mask('bank_card', '6222020000001234')).toBe('622202******1234');
  });

  it('refuses a blind index key equal to an encryption key', () => {
    const shared = randomKey();
    expect(() => createPiiVault({ encryptionKeys: { k1: randomKey(), k2: shared }, currentKeyId: 'k1', blindIndexKey: shared })).toThrowError(
      expect.objectContaining({ code: 'PII_KEY_REUSE' }),
    );
    const vault = createPiiVault({ encryptionKeys: { k1: randomKey() }, currentKeyId: 'k1', blindIndexKey: shared });
    expect(() => vault.keyRing.addKey('k2', shared)).toThrowError(expect.objectContaining({ code: 'PII_KEY_REUSE' }));
  });
});
