export { PiiError, type PiiErrorCode } from './errors/pii-error.js';

export { idNumberCheckChar } from './id-number/id-number-check-char.js';
export { normaliseIdNumber } from './id-number/normalise-id-number.js';
export {
  isValidIdNumber,
  parseIdNumber,
  type IdNumberOptions,
  type IdNumberRejection,
  type IdNumberResult,
  type ParsedIdNumber,
  type Sex,
} from './id-number/parse-id-number.js';
export { ageOn, sexOf } from './id-number/age-on.js';
export { ID_NUMBER_PROVINCE_CODES } from './id-number/province-codes.js';

export { CREDIT_CODE_CHARSET, creditCodeCheckChar } from './credit-code/credit-code-check-char.js';
export {
  isValidCreditCode,
  normaliseCreditCode,
  parseCreditCode,
  type CreditCodeOptions,
  type CreditCodeRejection,
  type CreditCodeResult,
  type CreditCodeWarning,
} from './credit-code/parse-credit-code.js';
export { KNOWN_PILOT_CODES } from './credit-code/pilot-codes.js';
export { CREDIT_CODE_AUTHORITIES } from './credit-code/registration-authorities.js';

export { isLuhnValid, luhnCheckDigit } from './bank-card/luhn.js';
export { isUnionPay, isValidBankCard, normaliseBankCard, parseBankCard, type BankCardRejection, type BankCardResult } from './bank-card/parse-bank-card.js';

export { isValidMobile, normaliseMobile, parseMobile, type MobileRejection, type MobileResult } from './mobile/parse-mobile.js';

export { PII_CLASSIFICATION, type Classification, type JrtClass, type MaskKind, type MaskRule } from './masking/classification.js';
export { createMasker, mask, maskWithRule, type Masker, type MaskOverrides } from './masking/mask.js';

export { FORMAT_VERSION, NONCE_LENGTH, TAG_LENGTH } from './encryption/ciphertext-format.js';
export type { EncryptionContext } from './encryption/encryption-context.js';
export { KeyRing, type KeyRingConfig } from './encryption/key-ring.js';

export { BlindIndexer, type BlindIndexerOptions } from './blind-index/blind-indexer.js';
export { normaliseForBlindIndex, type BlindIndexKind } from './blind-index/normalisers.js';

export { createPiiVault, PiiVault, type PiiVaultConfig } from './vault/pii-vault.js';

export { registerPiiVault, registeredPiiVault, unregisterPiiVault } from './typeorm/vault-registry.js';
export { encryptedStringTransformer } from './typeorm/encrypted-transformer.js';
export { EncryptedColumn, type EncryptedColumnOptions } from './typeorm/encrypted-column.js';
export { encryptedColumnsOf, type EncryptedColumnSpec } from './typeorm/encrypted-column-registry.js';
export { blindIndexFor, blindIndexWhere } from './typeorm/blind-index-lookup.js';
export { PiiBlindIndexSubscriber } from './typeorm/blind-index-subscriber.js';
export { findPlaintextPii, type PlaintextPiiHit, type PlaintextPiiKind } from './detection/find-plaintext-pii.js';
