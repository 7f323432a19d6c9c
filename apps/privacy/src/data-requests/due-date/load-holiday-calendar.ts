import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { WorkingDayCalendar, type YearCalendar } from './working-day-calendar.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface CalendarFile {
  years?: Record<string, { holidays?: unknown; working_days?: unknown }>;
}

/** Loads `config/holidays/cn.yaml`; a malformed date stops the boot. */
export function loadHolidayCalendar(file: string): WorkingDayCalendar {
  // Dates stay strings: the YAML 1.2 core schema does not turn them into timestamps.
  const parsed = parse(readFileSync(file, 'utf8')) as CalendarFile;
  const years: Record<number, YearCalendar> = {};
  for (const [year, entry] of Object.entries(parsed.years ?? {})) {
    const holidays = (entry.holidays ?? []) as unknown[];
    const workingDays = (entry.working_days ?? []) as unknown[];
    const dates = [...holidays.flat(), ...workingDays].map(String);
    const bad = dates.find((date) => !DATE.test(date) || !date.startsWith(year));
    if (bad !== undefined || holidays.some((range) => !Array.isArray(range) || range.length !== 2))
      throw new Error(`${file}: year ${year} has a malformed date or range`);
    years[Number(year)] = { holidays: holidays.map((range) => (range as string[]).map(String) as [string, string]), workingDays: workingDays.map(String) };
  }
  return new WorkingDayCalendar(years);
}
