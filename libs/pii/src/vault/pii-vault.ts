import { BlindIndexer } from '../blind-index/blind-indexer.js';
import type { BlindIndexKind } from '../blind-index/normalisers.js';
import type { EncryptionContext } from '../encryption/encryption-context.js';
import { KeyRing } from '../encryption/key-ring.js';
import type { MaskKind } from '../masking/classification.js';
import { createMasker, type Masker, type MaskOverrides } from '../masking/mask.js';

export interface PiiVaultConfig {
  /** Key id → standard base64 of a 32-byte AES key. */
  readonly encryptionKeys: Readonly<Record<string, string>>;
  readonly currentKeyId: string;
  /** Standard base64 of a 32-byte HMAC key; must differ from every encryption key. */
  readonly blindIndexKey: string;
  readonly masking?: MaskOverrides;
}

/** The key ring, blind indexer and masker of one deployment, built from plain config. */
export class PiiVault {
  readonly keyRing: KeyRing;
  readonly blindIndexer: BlindIndexer;
  readonly masker: Masker;

  constructor(config: PiiVaultConfig) {
    this.keyRing = new KeyRing({ keys: config.encryptionKeys, currentKeyId: config.currentKeyId });
    // Also makes every later keyRing.addKey refuse the blind index key.
    this.blindIndexer = new BlindIndexer(config.blindIndexKey, { encryptionKeys: this.keyRing });
    this.masker = createMasker(config.masking);
  }

  encryptString(plaintext: string, context: EncryptionContext): Buffer {
    return this.keyRing.encryptString(plaintext, context);
  }

  decryptString(ciphertext: Uint8Array, context: EncryptionContext): string {
    return this.keyRing.decryptString(ciphertext, context);
  }

  reencrypt(ciphertext: Uint8Array, context: EncryptionContext): Buffer {
    return this.keyRing.reencrypt(ciphertext, context);
  }

  needsReencryption(ciphertext: Uint8Array): boolean {
    return this.keyRing.needsReencryption(ciphertext);
  }

  blindIndex(kind: BlindIndexKind, value: string): string {
    return this.blindIndexer.index(kind, value);
  }

  mask(kind: MaskKind, value: string): string {
    return this.masker.mask(kind, value);
  }
}

export function createPiiVault(config: PiiVaultConfig): PiiVault {
  return new PiiVault(config);
}
