import { parseIsoDate, toCalendarDate, type CalendarDate } from '../calendar/calendar-date.js';
import { PiiError } from '../errors/pii-error.js';
import { inspectIdNumber, type Sex } from './parse-id-number.js';

function birthDateOf(idNumberOrBirthDate: string): CalendarDate {
  const asDate = parseIsoDate(idNumberOrBirthDate.trim());
  if (asDate) return asDate;
  const parsed = inspectIdNumber(idNumberOrBirthDate);
  if (!parsed.ok) throw new PiiError('PII_INVALID_ID_NUMBER');
  return parseIsoDate(parsed.birthDate)!;
}

/**
 * Age in completed years on `on` (a `Date` is read in China time, or a `YYYY-MM-DD` string).
 *
 * Someone born on 29 February turns a year older on 1 March in common years:
 * the birthday has not been reached while (month, day) < (2, 29). That is the
 * reading used by most civil-law age computations and the conservative one for
 * age gates (it never makes anyone older early).
 */
export function ageOn(idNumberOrBirthDate: string, on: Date | string): number {
  const birth = birthDateOf(idNumberOrBirthDate);
  const day = toCalendarDate(on);
  let age = day.year - birth.year;
  if (day.month < birth.month || (day.month === birth.month && day.day < birth.day)) age -= 1;
  if (age < 0) throw new PiiError('PII_DATE_BEFORE_BIRTH');
  return age;
}

/** Sex from the 17th digit (odd = male). Throws `PII_INVALID_ID_NUMBER` for an invalid number. */
export function sexOf(idNumber: string): Sex {
  const parsed = inspectIdNumber(idNumber);
  if (!parsed.ok) throw new PiiError('PII_INVALID_ID_NUMBER');
  return parsed.sex;
}
