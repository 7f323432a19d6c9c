import { isLuhnValid } from './luhn.js';

export type BankCardRejection = 'FORMAT' | 'CHECK_DIGIT';

export type BankCardResult =
  { readonly ok: true; readonly value: string; readonly unionPay: boolean } | { readonly ok: false; readonly reason: BankCardRejection };

const SHAPE = /^\d{13,19}$/;

/** Strips the spaces and dashes people type into card numbers (after NFKC, for full-width digits). */
export function normaliseBankCard(input: string): string {
  if (typeof input !== 'string') return '';
  return input.normalize('NFKC').replace(/[\s-]/g, '');
}

/** China UnionPay cards carry the `62` IIN prefix. */
export function isUnionPay(cardNumber: string): boolean {
  return normaliseBankCard(cardNumber).startsWith('62');
}

/** Validates a 13-19 digit payment card number with its Luhn check digit. */
export function parseBankCard(input: string): BankCardResult {
  const value = normaliseBankCard(input);
  if (!SHAPE.test(value)) return { ok: false, reason: 'FORMAT' };
  if (!isLuhnValid(value)) return { ok: false, reason: 'CHECK_DIGIT' };
  return { ok: true, value, unionPay: value.startsWith('62') };
}

export function isValidBankCard(input: string): boolean {
  return parseBankCard(input).ok;
}
