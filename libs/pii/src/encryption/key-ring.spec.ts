import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiError } from '../errors/pii-error.js';
import { randomKey } from '../testing/keys.fixture.js';
import { NONCE_LENGTH, TAG_LENGTH } from './ciphertext-format.js';
import { KeyRing } from './key-ring.js';

const ctx = { table: 'identity.kyc_sessions', column: 'id_number' };
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PiiError);
    return (e as PiiError).code;
  }
  return undefined;
};

describe('KeyRing encryption', () => {
  const ring = new KeyRing({ keys: { k1: randomKey() }, currentKeyId: 'k1' });

  it('round-trips arbitrary strings, including CJK, astral characters and the empty string', () => {
    for (const value of ['', '张三', '11010519491231002X', '𠀾👩‍👩‍👧', 'a\u0000b']) {
      expect(ring.decryptString(ring.encryptString(value, ctx), ctx)).toBe(value);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(ring.decryptString(ring.encryptString(value, ctx), ctx)).toBe(value);
      }),
    );
  });

  it('round-trips bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(new Uint8Array(ring.decrypt(ring.encrypt(bytes, ctx), ctx))).toEqual(bytes);
      }),
    );
  });

  it('uses the documented layout: version, key id, 12-byte nonce, body, 16-byte tag', () => {
    const ct = ring.encryptString('张三', ctx);
    expect(ct[0]).toBe(1);
    expect(ct[1]).toBe(2);
    expect(ct.subarray(2, 4).toString('ascii')).toBe('k1');
    expect(ct.length).toBe(4 + NONCE_LENGTH + Buffer.byteLength('张三') + TAG_LENGTH);
    expect(ct.includes(Buffer.from('张三'))).toBe(false);
  });

  it('gives two encryptions of the same value different nonces and ciphertexts', () => {
    const a = ring.encryptString('13812345678', ctx);
    const b = ring.encryptString('13812345678', ctx);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(4, 4 + NONCE_LENGTH).equals(b.subarray(4, 4 + NONCE_LENGTH))).toBe(false);
  });

  it('never repeats a nonce across many pool refills, and earlier ciphertexts still decrypt', () => {
    const sealed = Array.from({ length: 2000 }, () => ring.encryptString('13812345678', ctx));
    const nonces = new Set(sealed.map((ct) => ct.subarray(4, 4 + NONCE_LENGTH).toString('hex')));
    expect(nonces.size).toBe(sealed.length);
    expect(sealed.every((ct) => ring.decryptString(ct, ctx) === '13812345678')).toBe(true);
  });

  it('throws on any single-bit flip anywhere in the ciphertext', () => {
    for (const value of ['', '李小明']) {
      const ct = ring.encryptString(value, ctx);
      for (let bit = 0; bit < ct.length * 8; bit++) {
        const tampered = Buffer.from(ct);
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        expect(
          codeOf(() => ring.decryptString(tampered, ctx)),
          `bit ${bit}`,
        ).toMatch(/^PII_/);
      }
    }
  });

  it('throws on truncation and on appended bytes', () => {
    const ct = ring.encryptString('李小明', ctx);
    for (let length = 0; length < ct.length; length++) {
      expect(codeOf(() => ring.decrypt(ct.subarray(0, length), ctx))).toMatch(/^PII_/);
    }
    expect(codeOf(() => ring.decrypt(Buffer.concat([ct, Buffer.from([0])]), ctx))).toBe('PII_DECRYPTION_FAILED');
  });

  it('fails authentication under the wrong table or column', () => {
    const ct = ring.encryptString('李小明', ctx);
    expect(codeOf(() => ring.decryptString(ct, { ...ctx, column: 'name' }))).toBe('PII_DECRYPTION_FAILED');
    expect(codeOf(() => ring.decryptString(ct, { ...ctx, table: 'identity.customers' }))).toBe('PII_DECRYPTION_FAILED');
    const ambiguous = ring.encryptString('x', { table: 'a.b', column: 'c' });
    expect(codeOf(() => ring.decryptString(ambiguous, { table: 'a', column: 'b.c' }))).toBe('PII_DECRYPTION_FAILED');
    expect(codeOf(() => ring.encryptString('x', { table: '', column: 'c' }))).toBe('PII_INVALID_CONTEXT');
  });

  it('refuses an unknown key id and an unsupported version', () => {
    const other = new KeyRing({ keys: { k9: randomKey() }, currentKeyId: 'k9' });
    const ct = ring.encryptString('李小明', ctx);
    expect(codeOf(() => other.decryptString(ct, ctx))).toBe('PII_UNKNOWN_KEY_ID');
    const v2 = Buffer.from(ct);
    v2[0] = 2;
    expect(codeOf(() => ring.decryptString(v2, ctx))).toBe('PII_UNSUPPORTED_CIPHERTEXT_VERSION');
  });

  it('never puts the value or the key in an error message', () => {
    const key = randomKey();
    const keyed = new KeyRing({ keys: { k1: key }, currentKeyId: 'k1' });
    const secret = '11010519491231002X';
    const ct = keyed.encryptString(secret, ctx);
    ct[ct.length - 1]! ^= 1;
    try {
      keyed.decryptString(ct, ctx);
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain(secret);
      expect(String(e)).not.toContain(key);
    }
  });

  it('refuses plaintexts that are not strings or not well-formed UTF-16', () => {
    expect(codeOf(() => ring.encryptString(42 as never, ctx))).toBe('PII_INVALID_PLAINTEXT');
    expect(codeOf(() => ring.encryptString('a\uD800b', ctx))).toBe('PII_INVALID_PLAINTEXT');
  });
});

describe('KeyRing keys and rotation', () => {
  it('decrypts old values after rotation and reencrypt moves them to the current key', () => {
    const ring = new KeyRing({ keys: { k1: randomKey() }, currentKeyId: 'k1' });
    const old = ring.encryptString('13812345678', ctx);
    expect(ring.needsReencryption(old)).toBe(false);

    ring.addKey('k2', randomKey(), { makeCurrent: true });
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.decryptString(old, ctx)).toBe('13812345678');
    expect(ring.needsReencryption(old)).toBe(true);

    const moved = ring.reencrypt(old, ctx);
    expect(ring.keyIdOf(moved)).toBe('k2');
    expect(ring.needsReencryption(moved)).toBe(false);
    expect(ring.decryptString(moved, ctx)).toBe('13812345678');
    expect(ring.keyIdOf(ring.encryptString('x', ctx))).toBe('k2');
    expect(codeOf(() => ring.reencrypt(old, { ...ctx, column: 'mobile' }))).toBe('PII_DECRYPTION_FAILED');
  });

  it('rejects keys that are not exactly 32 bytes of strict base64', () => {
    for (const bad of [
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(32).toString('base64url'),
      randomBytes(32).toString('hex'),
      `${randomKey()}!`,
      '',
    ]) {
      expect(codeOf(() => new KeyRing({ keys: { k1: bad }, currentKeyId: 'k1' }))).toBe('PII_INVALID_KEY');
    }
    expect(new KeyRing({ keys: { k1: `${randomKey()}\n` }, currentKeyId: 'k1' }).currentKeyId).toBe('k1');
  });

  it('validates key ids and the current key id', () => {
    expect(codeOf(() => new KeyRing({ keys: { 'k 1': randomKey() }, currentKeyId: 'k 1' }))).toBe('PII_INVALID_KEY_ID');
    expect(codeOf(() => new KeyRing({ keys: { k1: randomKey() }, currentKeyId: 'k2' }))).toBe('PII_UNKNOWN_KEY_ID');
    const ring = new KeyRing({ keys: { k1: randomKey() }, currentKeyId: 'k1' });
    expect(codeOf(() => ring.addKey('k1', randomKey()))).toBe('PII_KEY_ID_CONFLICT');
  });
});
