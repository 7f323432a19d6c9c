import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { PiiError } from '../errors/pii-error.js';
import { buildHeader, KEY_ID_PATTERN, NONCE_LENGTH, parseCiphertext, TAG_LENGTH } from './ciphertext-format.js';
import { encodeContext, type EncryptionContext } from './encryption-context.js';
import { decodeKey } from './key-material.js';

export interface KeyRingConfig {
  /** Key id → standard base64 of a 32-byte key. */
  readonly keys: Readonly<Record<string, string>>;
  /** The key new values are encrypted under. */
  readonly currentKeyId: string;
}

const ALGORITHM = 'aes-256-gcm';
// A lone surrogate would come back from UTF-8 as U+FFFD: refuse it rather than corrupt the value.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function aad(header: Buffer, context: EncryptionContext): Buffer {
  return Buffer.concat([header, encodeContext(context)]);
}

const NONCES_PER_DRAW = 256;
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;

/**
 * A fresh random 96-bit nonce, cut from a pool drawn from the CSPRNG 256 at a
 * time: one draw per call cost as much as the encryption itself on the
 * assessment path. Slices are never reused; each draw is a new buffer.
 */
function nextNonce(): Buffer {
  if (nonceOffset + NONCE_LENGTH > noncePool.length) {
    noncePool = randomBytes(NONCE_LENGTH * NONCES_PER_DRAW);
    nonceOffset = 0;
  }
  const nonce = noncePool.subarray(nonceOffset, nonceOffset + NONCE_LENGTH);
  nonceOffset += NONCE_LENGTH;
  return nonce;
}

/**
 * AES-256-GCM field encryption under several keys: decrypts with whichever
 * key a ciphertext names, encrypts with the current one. Rotation is "add the
 * new key as current, then `reencrypt` stored values at leisure".
 */
export class KeyRing {
  readonly #keys = new Map<string, KeyObject>();
  readonly #forbidden: KeyObject[] = [];
  #currentKeyId: string;

  constructor(config: KeyRingConfig) {
    if (typeof config?.keys !== 'object' || config.keys === null) throw new PiiError('PII_INVALID_KEY');
    for (const [keyId, key] of Object.entries(config.keys)) this.addKey(keyId, key);
    this.#currentKeyId = '';
    this.setCurrentKeyId(config.currentKeyId);
  }

  get currentKeyId(): string {
    return this.#currentKeyId;
  }

  get keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  hasKey(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** Adding the same id again with the same key is a no-op; with a different key it throws `PII_KEY_ID_CONFLICT`. */
  addKey(keyId: string, base64Key: string, options: { readonly makeCurrent?: boolean } = {}): void {
    if (typeof keyId !== 'string' || !KEY_ID_PATTERN.test(keyId)) throw new PiiError('PII_INVALID_KEY_ID');
    const key = decodeKey(base64Key);
    if (this.#forbidden.some((other) => other.equals(key))) throw new PiiError('PII_KEY_REUSE');
    const existing = this.#keys.get(keyId);
    if (existing && !existing.equals(key)) throw new PiiError('PII_KEY_ID_CONFLICT');
    this.#keys.set(keyId, key);
    if (options.makeCurrent) this.setCurrentKeyId(keyId);
  }

  setCurrentKeyId(keyId: string): void {
    if (!this.#keys.has(keyId)) throw new PiiError('PII_UNKNOWN_KEY_ID');
    this.#currentKeyId = keyId;
  }

  /**
   * Refuses, now and for every later `addKey`, key material equal to `key`.
   * The blind indexer uses it so that its HMAC key can never double as an
   * encryption key.
   */
  forbidKeyMaterial(key: KeyObject): void {
    if ([...this.#keys.values()].some((own) => own.equals(key))) throw new PiiError('PII_KEY_REUSE');
    this.#forbidden.push(key);
  }

  encrypt(plaintext: Uint8Array, context: EncryptionContext): Buffer {
    if (!(plaintext instanceof Uint8Array)) throw new PiiError('PII_INVALID_PLAINTEXT');
    const header = buildHeader(this.#currentKeyId);
    const nonce = nextNonce();
    const cipher = createCipheriv(ALGORITHM, this.#keys.get(this.#currentKeyId)!, nonce, { authTagLength: TAG_LENGTH });
    cipher.setAAD(aad(header, context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, nonce, body, cipher.getAuthTag()]);
  }

  decrypt(ciphertext: Uint8Array, context: EncryptionContext): Buffer {
    const parts = parseCiphertext(ciphertext);
    const key = this.#keys.get(parts.keyId);
    if (!key) throw new PiiError('PII_UNKNOWN_KEY_ID');
    const decipher = createDecipheriv(ALGORITHM, key, parts.nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad(parts.header, context));
    decipher.setAuthTag(parts.tag);
    try {
      return Buffer.concat([decipher.update(parts.body), decipher.final()]);
    } catch {
      throw new PiiError('PII_DECRYPTION_FAILED');
    }
  }

  encryptString(plaintext: string, context: EncryptionContext): Buffer {
    if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext)) throw new PiiError('PII_INVALID_PLAINTEXT');
    return this.encrypt(Buffer.from(plaintext, 'utf8'), context);
  }

  decryptString(ciphertext: Uint8Array, context: EncryptionContext): string {
    return this.decrypt(ciphertext, context).toString('utf8');
  }

  /** The key id a ciphertext names (not authenticated until decrypted). */
  keyIdOf(ciphertext: Uint8Array): string {
    return parseCiphertext(ciphertext).keyId;
  }

  needsReencryption(ciphertext: Uint8Array): boolean {
    return this.keyIdOf(ciphertext) !== this.#currentKeyId;
  }

  /** Decrypts (authenticating against `context`) and encrypts again under the current key with a fresh nonce. */
  reencrypt(ciphertext: Uint8Array, context: EncryptionContext): Buffer {
    const plaintext = this.decrypt(ciphertext, context);
    try {
      return this.encrypt(plaintext, context);
    } finally {
      plaintext.fill(0);
    }
  }
}
