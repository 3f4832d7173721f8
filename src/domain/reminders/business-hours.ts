import { TZDate } from '@date-fns/tz';
import { addDays, isSameDay, setHours, startOfDay } from 'date-fns';
import { isBusinessDay } from '../../business-days';

/**
 * Business hours: 9:00 to 17:00 on Federal Reserve business days (the calendar in
 * src/business-days.ts), on the wall clock of the platform's zone (REPORTING_TIME_ZONE), never
 * the server's: a replica in UTC must not nudge New York at 4:00. Reminders count only this time
 * and are sent only within it: a request made on Friday afternoon is not chased on Saturday.
 */
export const WORKDAY = { startHour: 9, endHour: 17 } as const;

const HOUR_MS = 3_600_000;

/** The same instant, read (days, hours, weekdays) in `timeZone`. */
function inZone(at: Date, timeZone: string): TZDate {
  return new TZDate(at.getTime(), timeZone);
}

function opensOn(day: TZDate): TZDate {
  return setHours(startOfDay(day), WORKDAY.startHour);
}

function closesOn(day: TZDate): TZDate {
  return setHours(startOfDay(day), WORKDAY.endHour);
}

export function inBusinessHours(at: Date, timeZone: string): boolean {
  const local = inZone(at, timeZone);
  return isBusinessDay(local) && local >= opensOn(local) && local < closesOn(local);
}

/** Whether at least `hours` of business time passed between `start` and `end`. */
export function businessHoursPassed(start: Date, end: Date, hours: number, timeZone: string): boolean {
  const needed = hours * HOUR_MS;
  let total = 0;
  for (let day = startOfDay(inZone(start, timeZone)); day <= end; day = addDays(day, 1)) {
    if (!isBusinessDay(day)) continue;
    const from = Math.max(start.getTime(), opensOn(day).getTime());
    const to = Math.min(end.getTime(), closesOn(day).getTime());
    if (to > from) total += to - from;
    if (total >= needed) return true;
  }
  return total >= needed;
}

/**
 * The start of the last business day before `date`'s calendar day in `timeZone` (Friday for a
 * Monday, Wednesday before Thanksgiving's Friday).
 */
export function businessDayBefore(date: Date, timeZone: string): Date {
  let day = addDays(startOfDay(inZone(date, timeZone)), -1);
  while (!isBusinessDay(day)) day = addDays(day, -1);
  return new Date(day.getTime());
}

/** The start of `at`'s calendar day in `timeZone`. */
export function startOfDayIn(at: Date, timeZone: string): Date {
  return new Date(startOfDay(inZone(at, timeZone)).getTime());
}

/** Whether two instants fall on one calendar day in `timeZone`. */
export function isSameDayIn(a: Date, b: Date, timeZone: string): boolean {
  return isSameDay(inZone(a, timeZone), inZone(b, timeZone));
}
