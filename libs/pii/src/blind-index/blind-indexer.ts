import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { KeyRing } from '../encryption/key-ring.js';
import { decodeKey } from '../encryption/key-material.js';
import { normaliseForBlindIndex, type BlindIndexKind } from './normalisers.js';

const HKDF_SALT = Buffer.from('kyc-gateway/pii/blind-index/v1', 'utf8');

export interface BlindIndexerOptions {
  /** When given, the blind index key is checked against (and forbidden for) every key of this ring. */
  readonly encryptionKeys?: KeyRing;
}

/**
 * Deterministic HMAC-SHA-256 of the normalised value, as 64 lowercase hex
 * characters, for equality lookups on encrypted columns.
 *
 * Each kind gets its own HKDF subkey, so the same digits as a card and as a
 * phone number index differently and an index cannot be replayed across kinds.
 * The key must not be an encryption key: with a shared key, the index would be
 * a MAC under the very key protecting the data.
 */
export class BlindIndexer {
  readonly #key: KeyObject;
  readonly #subkeys = new Map<BlindIndexKind, KeyObject>();

  constructor(base64Key: string, options: BlindIndexerOptions = {}) {
    this.#key = decodeKey(base64Key);
    options.encryptionKeys?.forbidKeyMaterial(this.#key);
  }

  index(kind: BlindIndexKind, value: string): string {
    const normalised = normaliseForBlindIndex(kind, value);
    return createHmac('sha256', this.#subkey(kind)).update(normalised, 'utf8').digest('hex');
  }

  #subkey(kind: BlindIndexKind): KeyObject {
    let subkey = this.#subkeys.get(kind);
    if (!subkey) {
      subkey = createSecretKey(Buffer.from(hkdfSync('sha256', this.#key, HKDF_SALT, `blind-index:${kind}`, 32)));
      this.#subkeys.set(kind, subkey);
    }
    return subkey;
  }
}
