import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from './credit-code-check-char.js';
import { KNOWN_PILOT_CODES } from './pilot-codes.js';
import { CREDIT_CODE_AUTHORITIES } from './registration-authorities.js';

export type CreditCodeRejection = 'FORMAT' | 'REGISTRATION_AUTHORITY' | 'CHECK_DIGIT';
export type CreditCodeWarning = 'CHECK_DIGIT_PILOT' | 'ORG_TYPE_UNLISTED';

export type CreditCodeResult =
  | {
      readonly ok: true;
      readonly value: string;
      readonly registrationAuthority: string;
      readonly orgType: string;
      /** Six-digit administrative division code of the registering authority. */
      readonly regionCode: string;
      readonly warnings: readonly CreditCodeWarning[];
    }
  | { readonly ok: false; readonly reason: CreditCodeRejection };

export interface CreditCodeOptions {
  /** Extra pilot codes (normalised, upper case) to accept with a warning, on top of `KNOWN_PILOT_CODES`. */
  readonly pilotCodes?: Iterable<string>;
}

const CHAR = `[${CREDIT_CODE_CHARSET}]`;
// Characters 3-8 are a GB/T 2260 division code, hence digits only.
const SHAPE = new RegExp(`^${CHAR}{2}\\d{6}${CHAR}{10}$`);

export function normaliseCreditCode(input: string): string {
  if (typeof input !== 'string') return '';
  return input.normalize('NFKC').trim().toUpperCase();
}

/** Validates a unified social credit code (GB 32100-2015). */
export function parseCreditCode(input: string, options: CreditCodeOptions = {}): CreditCodeResult {
  const value = normaliseCreditCode(input);
  if (!SHAPE.test(value)) return { ok: false, reason: 'FORMAT' };

  const authority = CREDIT_CODE_AUTHORITIES[value[0]!];
  if (!authority) return { ok: false, reason: 'REGISTRATION_AUTHORITY' };

  const warnings: CreditCodeWarning[] = [];
  if (!authority.orgTypes.includes(value[1]!)) warnings.push('ORG_TYPE_UNLISTED');

  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) {
    const pilot = KNOWN_PILOT_CODES.has(value) || new Set(options.pilotCodes ?? []).has(value);
    if (!pilot) return { ok: false, reason: 'CHECK_DIGIT' };
    warnings.push('CHECK_DIGIT_PILOT');
  }

  return {
    ok: true,
    value,
    registrationAuthority: value[0]!,
    orgType: value[1]!,
    regionCode: value.slice(2, 8),
    warnings,
  };
}

/** True for codes `parseCreditCode` accepts (including pilot codes accepted with a warning). */
export function isValidCreditCode(input: string, options: CreditCodeOptions = {}): boolean {
  return parseCreditCode(input, options).ok;
}
