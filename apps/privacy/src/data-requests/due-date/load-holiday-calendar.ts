import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { WorkingDayCalendar, type YearCalendar } from './working-day-calendar.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day: the pattern alone lets 2026-13-01 or 2026-02-30 through. */
const isCalendarDate = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`);
  return DATE.test(date) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
};

interface CalendarFile {
  years?: Record<string, { holidays?: unknown; working_days?: unknown }>;
}

/**
 * Loads `config/holidays/cn.yaml`; a malformed date stops the boot. A missing notice for this
 * year or the next (a deadline set in late December ends in January) is a warning: deadlines
 * then skip only weekends and the fixed-date holidays, and may fall on a moved holiday.
 */
export function loadHolidayCalendar(file: string, warn: (message: string) => void = () => undefined, now = new Date()): WorkingDayCalendar {
  // Dates stay strings: the YAML 1.2 core schema does not turn them into timestamps.
  const parsed = parse(readFileSync(file, 'utf8')) as CalendarFile;
  const years: Record<number, YearCalendar> = {};
  for (const [year, entry] of Object.entries(parsed.years ?? {})) {
    const holidays = (entry.holidays ?? []) as unknown[];
    const workingDays = (entry.working_days ?? []) as unknown[];
    const dates = [...holidays.flat(), ...workingDays].map(String);
    const bad = dates.find((date) => !isCalendarDate(date) || !date.startsWith(year));
    const badRange = holidays.some((range) => !Array.isArray(range) || range.length !== 2 || String(range[0]) > String(range[1]));
    if (bad !== undefined || badRange) throw new Error(`${file}: year ${year} has a malformed date or range`);
    years[Number(year)] = { holidays: holidays.map((range) => (range as string[]).map(String) as [string, string]), workingDays: workingDays.map(String) };
  }
  const calendar = new WorkingDayCalendar(years);
  const thisYear = Number(WorkingDayCalendar.chinaDate(now).slice(0, 4));
  const missing = [thisYear, thisYear + 1].filter((year) => !calendar.covers(year));
  if (missing.length > 0)
    warn(
      `${file} has no holiday notice for ${missing.join(' and ')}: due dates skip only weekends and fixed-date holidays there; add the State Council notice`,
    );
  return calendar;
}
