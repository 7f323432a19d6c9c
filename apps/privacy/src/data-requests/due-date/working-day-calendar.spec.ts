import { describe, expect, it } from 'vitest';
import { loadHolidayCalendar } from './load-holiday-calendar.js';

const calendar = loadHolidayCalendar(new URL('../../../../../config/holidays/cn.yaml', import.meta.url).pathname);
const china = (local: string): Date => new Date(`${local}+08:00`);
const dueDay = (receivedLocal: string): string => new Date(calendar.dueAt(china(receivedLocal), 15).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

describe('15 working days (China)', () => {
  it('skips weekends', () => {
    // Monday 2026-11-02: three full weeks later, Monday 2026-11-23, end of day.
    expect(dueDay('2026-11-02T10:00:00')).toBe('2026-11-23T23:59');
  });

  it('does not count the day of receipt, even a late-night one', () => {
    expect(dueDay('2026-11-02T23:59:00')).toBe('2026-11-23T23:59');
    // 23:30 UTC on 1 Nov is already Monday 2 Nov in China.
    expect(calendar.dueAt(new Date('2026-11-01T23:30:00Z'), 15).toISOString()).toBe('2026-11-23T15:59:59.999Z');
  });

  it('skips the National Day week and counts its adjusted Saturday', () => {
    // Received Friday 2026-09-25 (a holiday): working days are 28, 29, 30 Sep, 8, 9, 10 (Saturday, adjusted), 12-16, 19-22 Oct.
    expect(dueDay('2026-09-25T09:00:00')).toBe('2026-10-22T23:59');
  });

  it('skips the Spring Festival and counts both adjusted Saturdays', () => {
    // Received Friday 2026-02-13: 14 Feb (Sat, working), 24-27 Feb, 28 Feb (Sat, working), 2-6 Mar, 9-12 Mar.
    expect(dueDay('2026-02-13T12:00:00')).toBe('2026-03-12T23:59');
  });

  it('knows the 2025 calendar too', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('falls back to weekends and fixed-date holidays for a year without a notice', () => {
    expect(calendar.covers(2027)).toBe(false);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
    expect(dueDay('2026-12-21T09:00:00')).toBe('2027-01-12T23:59');
  });
});
