import { PiiError } from '../errors/pii-error.js';

// ISO 7064 MOD 11-2 as tabulated in GB 11643-1999: weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Index is the weighted sum mod 11; value is the character that makes the full sum ≡ 1 (mod 11).
const CHECK_CHARS = '10X98765432';

const SEVENTEEN_DIGITS = /^\d{17}$/;

/** The check character (0-9 or X) for the first 17 digits of a resident ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!SEVENTEEN_DIGITS.test(first17)) throw new PiiError('PII_INVALID_ID_NUMBER');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}
