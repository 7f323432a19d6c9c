import type { ValueTransformer } from 'typeorm';
import { encodeContext, type EncryptionContext } from '../encryption/encryption-context.js';
import { PiiError } from '../errors/pii-error.js';
import type { PiiVault } from '../vault/pii-vault.js';
import { registeredPiiVault } from './vault-registry.js';

/**
 * Column transformer: string → `bytea` ciphertext on write, back on read.
 * `null` stays `null` and `undefined` stays `undefined` (TypeORM's "leave the
 * column alone"). Anything else, including a find operator such as `In([...])`,
 * is refused: an encrypted column cannot be searched, use its blind index.
 */
export function encryptedStringTransformer(context: EncryptionContext, vault: () => PiiVault = registeredPiiVault): ValueTransformer {
  encodeContext(context);
  return {
    to(value: unknown): Buffer | null | undefined {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string') throw new PiiError('PII_INVALID_PLAINTEXT');
      return vault().encryptString(value, context);
    },
    from(value: unknown): string | null | undefined {
      if (value === null || value === undefined) return value;
      if (!(value instanceof Uint8Array)) throw new PiiError('PII_MALFORMED_CIPHERTEXT');
      return vault().decryptString(value, context);
    },
  };
}
