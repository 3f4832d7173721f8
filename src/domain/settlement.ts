import { fromUnixTime } from 'date-fns';
import { addBusinessDays } from '../business-days';

export { businessDaysBetween } from '../business-days';

export const TOPUP_BUSINESS_DAYS = 5;

/** Stripe's own date when it gives one; else five Fed business days, as Stripe documents for US top-ups. */
export function expectedAvailability(from: Date, stripeExpectedUnix?: number | null): Date {
  return stripeExpectedUnix ? fromUnixTime(stripeExpectedUnix) : addBusinessDays(from, TOPUP_BUSINESS_DAYS);
}
