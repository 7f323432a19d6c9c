/**
 * Every error this library throws. The message is fixed per code so that no
 * personal data (or key material) can ever leak through logs or API errors;
 * callers branch on `code`, never on the message text.
 */
export type PiiErrorCode =
  | 'PII_INVALID_KEY'
  | 'PII_INVALID_KEY_ID'
  | 'PII_KEY_ID_CONFLICT'
  | 'PII_KEY_REUSE'
  | 'PII_UNKNOWN_KEY_ID'
  | 'PII_INVALID_CONTEXT'
  | 'PII_INVALID_PLAINTEXT'
  | 'PII_MALFORMED_CIPHERTEXT'
  | 'PII_UNSUPPORTED_CIPHERTEXT_VERSION'
  | 'PII_DECRYPTION_FAILED'
  | 'PII_INVALID_FORMAT'
  | 'PII_INVALID_ID_NUMBER'
  | 'PII_INVALID_DATE'
  | 'PII_DATE_BEFORE_BIRTH'
  | 'PII_INVALID_MASK_RULE'
  | 'PII_UNKNOWN_KIND'
  | 'PII_VAULT_NOT_REGISTERED'
  | 'PII_VAULT_ALREADY_REGISTERED'
  | 'PII_INVALID_COLUMN_OPTIONS'
  | 'PII_NO_BLIND_INDEX';

const MESSAGES: Readonly<Record<PiiErrorCode, string>> = {
  PII_INVALID_KEY: 'Key must be standard base64 encoding exactly 32 bytes',
  PII_INVALID_KEY_ID: 'Key id must be 1-64 characters of [A-Za-z0-9._-]',
  PII_KEY_ID_CONFLICT: 'Key id is already bound to different key material',
  PII_KEY_REUSE: 'The blind index key must differ from every encryption key',
  PII_UNKNOWN_KEY_ID: 'Ciphertext was produced under a key id this key ring does not hold',
  PII_INVALID_CONTEXT: 'Encryption context needs a non-empty table and column',
  PII_INVALID_PLAINTEXT: 'Value to encrypt has an unsupported type',
  PII_MALFORMED_CIPHERTEXT: 'Ciphertext is truncated or structurally invalid',
  PII_UNSUPPORTED_CIPHERTEXT_VERSION: 'Ciphertext format version is not supported',
  PII_DECRYPTION_FAILED: 'Ciphertext failed authentication (tampered, or wrong table/column context)',
  PII_INVALID_FORMAT: 'Value does not have the expected format',
  PII_INVALID_ID_NUMBER: 'Value is not a valid resident ID number',
  PII_INVALID_DATE: 'Value is not a valid calendar date',
  PII_DATE_BEFORE_BIRTH: 'Reference date is before the birth date',
  PII_INVALID_MASK_RULE: 'Mask rule needs non-negative integer keepStart/keepEnd and a single-character maskChar',
  PII_UNKNOWN_KIND: 'Unknown personal data kind',
  PII_VAULT_NOT_REGISTERED: 'No PiiVault registered: call registerPiiVault(vault) at boot before using encrypted columns',
  PII_VAULT_ALREADY_REGISTERED: 'A different PiiVault is already registered: call unregisterPiiVault() first',
  PII_INVALID_COLUMN_OPTIONS: 'Invalid @EncryptedColumn options',
  PII_NO_BLIND_INDEX: 'Property is not an encrypted column with a blind index',
};

export class PiiError extends Error {
  override readonly name = 'PiiError';

  constructor(readonly code: PiiErrorCode) {
    super(MESSAGES[code]);
  }
}
