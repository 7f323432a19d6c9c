import { compareDates, formatIsoDate, isRealDate, toCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import { idNumberCheckChar } from './id-number-check-char.js';
import { normaliseIdNumber } from './normalise-id-number.js';
import { ID_NUMBER_PROVINCE_CODES } from './province-codes.js';

export type Sex = 'M' | 'F';

export type IdNumberRejection = 'FORMAT' | 'PROVINCE' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export interface ParsedIdNumber {
  readonly ok: true;
  /** Trimmed, upper-case X. */
  readonly value: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: Sex;
  /** Two-digit province-level code, e.g. `'11'` for Beijing. */
  readonly provinceCode: string;
}

export type IdNumberResult = ParsedIdNumber | { readonly ok: false; readonly reason: IdNumberRejection };

export interface IdNumberOptions {
  /** Birth dates after this day are rejected. A `Date` is read in China time (UTC+8). Defaults to now. */
  readonly today?: Date | string;
}

const SHAPE = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH: CalendarDate = { year: 1900, month: 1, day: 1 };

/** Everything except the "not in the future" rule, which needs a reference day. */
export function inspectIdNumber(input: string): IdNumberResult {
  const value = normaliseIdNumber(input);
  if (!SHAPE.test(value)) return { ok: false, reason: 'FORMAT' };

  const provinceCode = value.slice(0, 2);
  if (!ID_NUMBER_PROVINCE_CODES.has(provinceCode)) return { ok: false, reason: 'PROVINCE' };

  const birth = { year: Number(value.slice(6, 10)), month: Number(value.slice(10, 12)), day: Number(value.slice(12, 14)) };
  if (!isRealDate(birth.year, birth.month, birth.day) || compareDates(birth, EARLIEST_BIRTH) < 0) {
    return { ok: false, reason: 'BIRTH_DATE' };
  }

  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'CHECK_DIGIT' };

  return {
    ok: true,
    value,
    birthDate: formatIsoDate(birth),
    sex: Number(value[16]) % 2 === 1 ? 'M' : 'F',
    provinceCode,
  };
}

/** Validates an 18-character resident ID number (GB 11643-1999). */
export function parseIdNumber(input: string, options: IdNumberOptions = {}): IdNumberResult {
  const result = inspectIdNumber(input);
  if (!result.ok) return result;
  const today = formatIsoDate(toCalendarDate(options.today ?? new Date()));
  // ISO dates compare correctly as strings.
  if (result.birthDate > today) return { ok: false, reason: 'BIRTH_DATE' };
  return result;
}

export function isValidIdNumber(input: string, options: IdNumberOptions = {}): boolean {
  return parseIdNumber(input, options).ok;
}
