export type MobileRejection = 'FORMAT' | 'PREFIX';

export type MobileResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: MobileRejection };

const COUNTRY_PREFIXED = /^(?:\+86|0086|86)(\d{11})$/;
const ELEVEN_DIGITS = /^\d{11}$/;
// Mainland mobile number blocks all fall in 13x-19x.
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Best-effort normal form: drops spaces, dashes, dots and parentheses and a
 * +86 / 0086 / 86 country prefix in front of 11 digits. The result is not
 * necessarily valid; `parseMobile` says whether it is.
 */
export function normaliseMobile(input: string): string {
  if (typeof input !== 'string') return '';
  const compact = input.normalize('NFKC').replace(/[\s\-.()]/g, '');
  const prefixed = COUNTRY_PREFIXED.exec(compact);
  return prefixed ? prefixed[1]! : compact;
}

/** Accepts `13812345678`, `+86 138 1234 5678`, `86-13812345678`, `008613812345678`; value is the 11-digit form. */
export function parseMobile(input: string): MobileResult {
  const value = normaliseMobile(input);
  if (!ELEVEN_DIGITS.test(value)) return { ok: false, reason: 'FORMAT' };
  if (!MAINLAND_MOBILE.test(value)) return { ok: false, reason: 'PREFIX' };
  return { ok: true, value };
}

export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}
