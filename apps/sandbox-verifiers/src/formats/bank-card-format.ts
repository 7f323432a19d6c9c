// Luhn: the doubled value of each digit, digit sums already folded.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** A card number the card network will even look up: 12-19 digits passing Luhn. */
export function isWellFormedCardNumber(value: string): boolean {
  if (!/^\d{12,19}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(value.length - 1 - i) - 48;
    sum += i % 2 === 1 ? DOUBLED[digit]! : digit;
  }
  return sum % 10 === 0;
}
