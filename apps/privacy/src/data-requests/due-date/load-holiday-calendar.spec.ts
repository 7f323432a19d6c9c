import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHolidayCalendar } from './load-holiday-calendar.js';

const calendarFile = (yaml: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'cn.yaml');
  writeFileSync(file, yaml);
  return file;
};
const SHIPPED = new URL('../../../../../config/holidays/cn.yaml', import.meta.url).pathname;

describe('loadHolidayCalendar', () => {
  it('warns at boot when this year or the next has no notice', () => {
    const warnings: string[] = [];
    loadHolidayCalendar(SHIPPED, (message) => warnings.push(message), new Date('2026-12-07T04:00:00Z'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no holiday notice for 2027');
  });

  it('stays quiet when both years are covered', () => {
    const warnings: string[] = [];
    loadHolidayCalendar(SHIPPED, (message) => warnings.push(message), new Date('2025-06-01T00:00:00Z'));
    expect(warnings).toEqual([]);
  });

  it('counts the year in China time: New Year in Beijing is still 31 December in UTC', () => {
    const warnings: string[] = [];
    loadHolidayCalendar(SHIPPED, (message) => warnings.push(message), new Date('2025-12-31T17:00:00Z'));
    expect(warnings[0]).toContain('2027');
    expect(warnings[0]).not.toContain('2026 and');
  });

  it('refuses a malformed date, naming the year', () => {
    expect(() => loadHolidayCalendar(calendarFile('years:\n  "2026":\n    holidays: [["2026-13-01", "2026-01-02"]]\n'))).toThrow(/year 2026/);
    expect(() => loadHolidayCalendar(calendarFile('years:\n  "2026":\n    holidays: [["2026-02-30", "2026-03-01"]]\n'))).toThrow(/year 2026/);
    expect(() => loadHolidayCalendar(calendarFile('years:\n  "2026":\n    holidays: [["2026-10-08", "2026-10-01"]]\n'))).toThrow(/year 2026/);
    expect(() => loadHolidayCalendar(calendarFile('years:\n  "2026":\n    working_days: ["2025-01-04"]\n'))).toThrow(/year 2026/);
    expect(() => loadHolidayCalendar(calendarFile('years:\n  "2026":\n    holidays: [["2026-10-01", "2026-10-08"]]\n'))).not.toThrow();
  });
});
