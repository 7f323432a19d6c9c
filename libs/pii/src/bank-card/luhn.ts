import { PiiError } from '../errors/pii-error.js';

/** Luhn (ISO/IEC 7812-1) check over a string of digits. False for non-digit input. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit to append to `payload` so that the result passes Luhn. */
export function luhnCheckDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new PiiError('PII_INVALID_FORMAT');
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${payload}${d}`)) return String(d);
  throw new PiiError('PII_INVALID_FORMAT');
}
