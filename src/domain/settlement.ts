import { addBusinessDays, differenceInBusinessDays, fromUnixTime } from 'date-fns';

export const TOPUP_BUSINESS_DAYS = 5;

/** Stripe's own date when it gives one; else five business days, as Stripe documents for US top-ups. */
export function expectedAvailability(from: Date, stripeExpectedUnix?: number | null): Date {
  return stripeExpectedUnix ? fromUnixTime(stripeExpectedUnix) : addBusinessDays(from, TOPUP_BUSINESS_DAYS);
}

export function businessDaysBetween(start: Date, end: Date): number {
  return Math.max(0, differenceInBusinessDays(end, start));
}
