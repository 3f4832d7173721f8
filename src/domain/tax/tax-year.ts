import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { TimeRange } from './ports';

/**
 * Calendar years in the platform's reporting time zone (REPORTING_TIME_ZONE): a transfer paid at
 * 23:30 on Dec 31 in New York is in that year, though it is Jan 1 in UTC.
 */
export function taxYearRange(year: number, timeZone: string): TimeRange {
  return {
    from: new Date(new TZDate(year, 0, 1, timeZone).getTime()),
    to: new Date(new TZDate(year + 1, 0, 1, timeZone).getTime()),
  };
}

/** The tax year an instant falls in, in the reporting time zone. */
export function taxYearOf(at: Date, timeZone: string): number {
  return new TZDate(at.getTime(), timeZone).getFullYear();
}

/**
 * January in the reporting zone: last year's 1099-NEC forms are due by January 31, so last year's
 * statement is still what writers and finance look for.
 */
export function inFilingMonth(at: Date, timeZone: string): boolean {
  return new TZDate(at.getTime(), timeZone).getMonth() === 0;
}

/** Whether `timeZone` is an IANA zone this runtime knows (America/New_York, UTC, …). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** `2026-12-31 23:30` as the wall clock reads in the reporting zone (exports name the zone). */
export function localDateTime(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}
