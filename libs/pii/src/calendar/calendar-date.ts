import { PiiError } from '../errors/pii-error.js';

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

// Mainland China has used a fixed UTC+8 with no daylight saving since 1991,
// so "today" for a birth date printed on a Chinese ID is a fixed-offset date,
// whatever time zone the server runs in.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses a strict `YYYY-MM-DD` string; returns undefined for anything else, including Feb 30. */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/**
 * A `Date` is read as the calendar date in China (UTC+8); a string must be
 * `YYYY-MM-DD` and is taken as is.
 */
export function toCalendarDate(value: Date | string): CalendarDate {
  if (typeof value === 'string') {
    const parsed = parseIsoDate(value);
    if (!parsed) throw new PiiError('PII_INVALID_DATE');
    return parsed;
  }
  const time = value.getTime();
  if (Number.isNaN(time)) throw new PiiError('PII_INVALID_DATE');
  const shifted = new Date(time + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
