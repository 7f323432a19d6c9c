/** A calendar date in China time, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface YearCalendar {
  /** Inclusive ranges of public holidays. */
  holidays: Array<[CalendarDate, CalendarDate]>;
  /** Weekend days that are working days that year (调休上班). */
  workingDays: CalendarDate[];
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const FIXED_HOLIDAYS = ['01-01', '05-01', '10-01', '10-02', '10-03'];

function toDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function format(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

/** Mainland working days, from a holiday calendar with its adjusted weekend working days. */
export class WorkingDayCalendar {
  private readonly holidays = new Set<CalendarDate>();
  private readonly workingWeekendDays = new Set<CalendarDate>();
  private readonly years: Set<number>;

  constructor(calendar: Record<number, YearCalendar>) {
    this.years = new Set(Object.keys(calendar).map(Number));
    for (const year of Object.values(calendar)) {
      for (const [from, to] of year.holidays) {
        for (let day = toDate(from); day <= toDate(to); day = new Date(day.getTime() + DAY_MS)) this.holidays.add(format(day));
      }
      for (const day of year.workingDays) this.workingWeekendDays.add(day);
    }
  }

  /** Whether the calendar has the official notice for this year. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: CalendarDate): boolean {
    if (this.workingWeekendDays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    if (!this.covers(Number(date.slice(0, 4))) && FIXED_HOLIDAYS.includes(date.slice(5))) return false;
    const weekday = toDate(date).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The China-time calendar date of an instant. */
  static chinaDate(instant: Date): CalendarDate {
    return format(new Date(instant.getTime() + CHINA_OFFSET_MS));
  }

  /**
   * The deadline `workingDays` working days after `receivedAt`: the day of
   * receipt does not count, and the request is due by the end of the last
   * working day (23:59:59.999 China time).
   */
  dueAt(receivedAt: Date, workingDays: number): Date {
    let day = toDate(WorkingDayCalendar.chinaDate(receivedAt));
    for (let counted = 0; counted < workingDays;) {
      day = new Date(day.getTime() + DAY_MS);
      if (this.isWorkingDay(format(day))) counted++;
    }
    return new Date(day.getTime() + DAY_MS - 1 - CHINA_OFFSET_MS);
  }
}
