import fedHolidays from '@18f/us-federal-holidays';
import { addDays, format, isWeekend, startOfDay } from 'date-fns';

/**
 * Federal Reserve business days, the calendar US banks settle on: weekends and Fed holidays are
 * not business days. The Fed observes a Sunday holiday on the Monday after, but does not move a
 * Saturday holiday to the Friday before (it is open that Friday), unlike OPM's federal calendar.
 * The app's ETA, the settlement alert's count and the Stripe simulator all use this module, so
 * they cannot disagree. Days are calendar days in the process's time zone, as `format` shows them.
 */
const FED_RULES = { shiftSaturdayHolidays: false, shiftSundayHolidays: true } as const;

const holidaysByYear = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    // The library builds its dates at local midnight; key them the way `dayKey` does.
    holidays = new Map(
      fedHolidays.allForYear(year, FED_RULES).map((holiday) => [dayKey(holiday.date), holiday.name]),
    );
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

function dayKey(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** The Fed holiday observed on this calendar day, if any (a Sunday holiday is observed on Monday). */
export function fedHolidayOn(date: Date): string | undefined {
  // Nothing spills across years under the Fed's rules: a Saturday Jan 1 is not moved to Dec 31.
  return holidaysOf(date.getFullYear()).get(dayKey(date));
}

export function isBusinessDay(date: Date): boolean {
  return !isWeekend(date) && fedHolidayOn(date) === undefined;
}

/** The same time of day `days` business days later: a Saturday plus one business day is Monday. */
export function addBusinessDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`business days must be a whole number ≥ 0, got ${days}`);
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}

/**
 * How many business days passed from `start` to `end`: the business days after start's calendar
 * day up to and including end's. The inverse of `addBusinessDays`, from any start, weekends and
 * holidays included: `businessDaysBetween(d, addBusinessDays(d, n)) === n`.
 */
export function businessDaysBetween(start: Date, end: Date): number {
  let count = 0;
  let day = startOfDay(start);
  const last = startOfDay(end);
  while (day < last) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) count += 1;
  }
  return count;
}
