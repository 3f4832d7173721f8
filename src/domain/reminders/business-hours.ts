import { addDays, setHours, startOfDay } from 'date-fns';
import { isBusinessDay } from '../../business-days';

/**
 * Business hours: 9:00 to 17:00 on Federal Reserve business days (the calendar in
 * src/business-days.ts), in the server's time zone like that calendar. Reminders count only this
 * time and are sent only within it: a request made on Friday afternoon is not chased on Saturday.
 */
export const WORKDAY = { startHour: 9, endHour: 17 } as const;

const HOUR_MS = 3_600_000;

function opensOn(day: Date): Date {
  return setHours(startOfDay(day), WORKDAY.startHour);
}

function closesOn(day: Date): Date {
  return setHours(startOfDay(day), WORKDAY.endHour);
}

export function inBusinessHours(at: Date): boolean {
  return isBusinessDay(at) && at >= opensOn(at) && at < closesOn(at);
}

/** Whether at least `hours` of business time passed between `start` and `end`. */
export function businessHoursPassed(start: Date, end: Date, hours: number): boolean {
  const needed = hours * HOUR_MS;
  let total = 0;
  for (let day = startOfDay(start); day <= end; day = addDays(day, 1)) {
    if (!isBusinessDay(day)) continue;
    const from = Math.max(start.getTime(), opensOn(day).getTime());
    const to = Math.min(end.getTime(), closesOn(day).getTime());
    if (to > from) total += to - from;
    if (total >= needed) return true;
  }
  return total >= needed;
}

/** The last business day before `date`'s calendar day (Friday for a Monday, Wednesday before Thanksgiving's Friday). */
export function businessDayBefore(date: Date): Date {
  let day = addDays(startOfDay(date), -1);
  while (!isBusinessDay(day)) day = addDays(day, -1);
  return day;
}
