/**
 * The authority's own reading of a resident ID number (GB 11643-1999). It is
 * written independently of libs/pii on purpose: the sandbox stands for the
 * outside world, so a bug in our validator must not be mirrored here.
 */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

const SHAPE = /^\d{17}[\dX]$/;

/** ISO 7064 MOD 11-2: weight of digit i is 2^(17-i) mod 11; the check value makes the full sum ≡ 1 (mod 11). */
function checkChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 16; i >= 0; i--) {
    weight = (weight * 2) % 11;
    sum += Number(first17[i]) * weight;
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  // Birth dates are civil dates in China (UTC+8).
  const chinaToday = new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return year >= 1900 && yyyymmdd <= chinaToday;
}

/** The canonical form (upper-case X) of a well-formed ID number, or undefined. */
export function readIdNumber(raw: string, today: Date): string | undefined {
  const value = raw.toUpperCase();
  if (!SHAPE.test(value)) return undefined;
  if (!PROVINCES.has(value.slice(0, 2))) return undefined;
  if (!isRealPastDate(value.slice(6, 14), today)) return undefined;
  return checkChar(value.slice(0, 17)) === value[17] ? value : undefined;
}
