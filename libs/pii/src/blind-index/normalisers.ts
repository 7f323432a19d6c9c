import { normaliseCreditCode } from '../credit-code/parse-credit-code.js';
import { PiiError } from '../errors/pii-error.js';
import { normaliseIdNumber } from '../id-number/normalise-id-number.js';
import { normaliseMobile } from '../mobile/parse-mobile.js';

export type BlindIndexKind = 'id_number' | 'bank_card' | 'mobile' | 'name' | 'email' | 'credit_code' | 'generic';

/**
 * Equal values must index equally however they were typed, so each kind is
 * reduced to the form the rest of the library stores. Normalisers do not
 * validate: an invalid value still gets a (useless but harmless) index.
 */
export const BLIND_INDEX_NORMALISERS: Readonly<Record<BlindIndexKind, (value: string) => string>> = {
  id_number: normaliseIdNumber,
  bank_card: (value) => value.normalize('NFKC').replace(/\D/g, ''),
  mobile: normaliseMobile,
  name: (value) => value.normalize('NFKC').trim().replace(/\s+/g, ' '),
  email: (value) => value.trim().toLowerCase(),
  credit_code: normaliseCreditCode,
  generic: (value) => value.trim(),
};

export function normaliseForBlindIndex(kind: BlindIndexKind, value: string): string {
  if (!Object.hasOwn(BLIND_INDEX_NORMALISERS, kind)) throw new PiiError('PII_UNKNOWN_KIND');
  if (typeof value !== 'string') throw new PiiError('PII_INVALID_PLAINTEXT');
  return BLIND_INDEX_NORMALISERS[kind](value);
}
