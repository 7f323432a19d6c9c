/**
 * NFKC first because numbers typed through a Chinese IME often arrive as
 * full-width digits; then trim and upper-case the X check character.
 */
export function normaliseIdNumber(input: string): string {
  if (typeof input !== 'string') return '';
  return input.normalize('NFKC').trim().toUpperCase();
}
