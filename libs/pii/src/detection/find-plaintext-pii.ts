import { isLuhnValid } from '../bank-card/luhn.js';
import { isValidIdNumber } from '../id-number/parse-id-number.js';

export type PlaintextPiiKind = 'id_number' | 'bank_card' | 'mobile' | 'email';

export interface PlaintextPiiHit {
  /** JSON path of the string holding it, e.g. `$.reasons[0].detail`. */
  path: string;
  kind: PlaintextPiiKind;
}

// Numbers count only as whole tokens: a digit run inside a hex digest or a
// base64 string is not a phone number.
const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const CARD_CANDIDATE = /(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d{9}(?![0-9A-Za-z])/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** Blind indexes and hashes: hex digests carry no personal data. */
const DIGEST = /^(?:[0-9a-f]{32,128}|[0-9A-F]{32,128})$/;

function kindsIn(text: string): PlaintextPiiKind[] {
  const kinds: PlaintextPiiKind[] = [];
  if (DIGEST.test(text)) return kinds;
  if ([...text.matchAll(ID_CANDIDATE)].some(([candidate]) => isValidIdNumber(candidate))) kinds.push('id_number');
  if ([...text.matchAll(CARD_CANDIDATE)].some(([candidate]) => isLuhnValid(candidate))) kinds.push('bank_card');
  if (MOBILE.test(text)) kinds.push('mobile');
  if (EMAIL.test(text)) kinds.push('email');
  return kinds;
}

/**
 * A last line of defence for records that must never hold personal data in
 * clear (audit entries, outbox payloads): finds strings that look like a
 * valid ID number, a Luhn-valid card, a mainland mobile or an e-mail.
 * Masked values (`138****5678`) and blind indexes (hex) do not match.
 */
export function findPlaintextPii(value: unknown, path = '$'): PlaintextPiiHit[] {
  if (typeof value === 'string') return kindsIn(value).map((kind) => ({ path, kind }));
  if (Array.isArray(value)) return value.flatMap((item, index) => findPlaintextPii(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [
      ...kindsIn(key).map((kind) => ({ path: `${path}{key}`, kind })),
      ...findPlaintextPii(inner, `${path}.${key}`),
    ]);
  }
  return [];
}
