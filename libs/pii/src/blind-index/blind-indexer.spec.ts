import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../encryption/key-ring.js';
import { randomKey } from '../testing/keys.fixture.js';
import { BlindIndexer } from './blind-indexer.js';
import type { BlindIndexKind } from './normalisers.js';

const key = randomKey();
const indexer = new BlindIndexer(key);
const KINDS: BlindIndexKind[] = ['id_number', 'bank_card', 'mobile', 'name', 'email', 'credit_code', 'generic'];

describe('BlindIndexer', () => {
  it('is HMAC-SHA-256 under an HKDF subkey per kind, as 64 lowercase hex', () => {
    const subkey = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'base64'), 'kyc-gateway/pii/blind-index/v1', 'blind-index:mobile', 32));
    const expected = createHmac('sha256', subkey).update('13812345678').digest('hex');
    expect(indexer.index('mobile', '13812345678')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same mobile index for every written form of the number', () => {
    const number = fc.stringMatching(/^1[3-9]\d{9}$/);
    const prefix = fc.constantFrom('', '+86 ', '+86', '86-', '0086');
    fc.assert(
      fc.property(number, prefix, fc.constantFrom('', ' ', '-'), (n, p, s) => {
        expect(indexer.index('mobile', `${p}${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}`)).toBe(indexer.index('mobile', n));
      }),
    );
    expect(indexer.index('mobile', '+86 138 1234 5678')).toBe(indexer.index('mobile', '13812345678'));
  });

  it('treats x and X, and surrounding whitespace, alike in ID numbers', () => {
    expect(indexer.index('id_number', ' 11010519491231002x ')).toBe(indexer.index('id_number', '11010519491231002X'));
  });

  it('ignores spaces and dashes in card numbers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), fc.constantFrom(' ', '-', ' - '), (card, sep) => {
        const grouped = card.match(/\d{4}/g)!.join(sep);
        expect(indexer.index('bank_card', grouped)).toBe(indexer.index('bank_card', card));
      }),
    );
  });

  it('normalises names, emails and credit codes', () => {
    expect(indexer.index('name', '  Li   Xiao\tMing ')).toBe(indexer.index('name', 'Li Xiao Ming'));
    expect(indexer.index('name', 'ＡＢＣ')).toBe(indexer.index('name', 'ABC'));
    expect(indexer.index('email', ' Alice@Example.COM ')).toBe(indexer.index('email', 'alice@example.com'));
    expect(indexer.index('credit_code', '91350100m000100y43')).toBe(indexer.index('credit_code', '91350100M000100Y43'));
    expect(indexer.index('generic', ' x ')).toBe(indexer.index('generic', 'x'));
    expect(indexer.index('name', 'Li Ming')).not.toBe(indexer.index('name', 'LiMing'));
  });

  it('separates kinds: the same string indexes differently under each kind', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (digits) => {
        const indexes = KINDS.map((kind) => indexer.index(kind, digits));
        expect(new Set(indexes).size).toBe(KINDS.length);
      }),
    );
  });

  it('gives different indexes under different keys', () => {
    const other = new BlindIndexer(randomKey());
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string(), (kind, value) => {
        expect(other.index(kind, value)).not.toBe(indexer.index(kind, value));
      }),
    );
  });

  it('refuses to share key material with the encryption keys, in either order', () => {
    const ring = new KeyRing({ keys: { k1: key }, currentKeyId: 'k1' });
    expect(() => new BlindIndexer(key, { encryptionKeys: ring })).toThrowError(expect.objectContaining({ code: 'PII_KEY_REUSE' }));

    const bidxKey = randomKey();
    const ring2 = new KeyRing({ keys: { k1: randomKey() }, currentKeyId: 'k1' });
    expect(new BlindIndexer(bidxKey, { encryptionKeys: ring2 }).index('generic', 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => ring2.addKey('k2', bidxKey)).toThrowError(expect.objectContaining({ code: 'PII_KEY_REUSE' }));
  });

  it('rejects unknown kinds and non-string values', () => {
    expect(() => indexer.index('passport' as BlindIndexKind, 'x')).toThrowError(expect.objectContaining({ code: 'PII_UNKNOWN_KIND' }));
    expect(() => indexer.index('generic', 1 as never)).toThrowError(expect.objectContaining({ code: 'PII_INVALID_PLAINTEXT' }));
  });
});
