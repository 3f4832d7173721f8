import type { TaxLedger } from './ports';
import { taxYearRange } from './tax-year';

export type YearToDate = { year: number; paidCents: number; reversedCents: number; netCents: number };

/**
 * One writer's total for a tax year, from Paydesk's own records:
 * - a transfer counts in the year Stripe made it (`paidAt`: the Stripe transfer's `created`,
 *   however Paydesk heard of it, so an answer that arrives after midnight on Dec 31 still counts
 *   in the old year), in the reporting time zone;
 * - a reversal reduces the year it was made in (its `at`: the Stripe reversal's `created`), not
 *   the year of the transfer it reverses. A year's figures are what was filed on the 1099-NEC by
 *   January 31; money taken back later was still the writer's that year, so the later year
 *   carries the reversal and no filed year changes afterwards. Its net can therefore be negative.
 * Paydesk's own clock dates either only when Stripe's object came without a `created`.
 */
export async function writerYearToDate(
  deps: { transfers: Pick<TaxLedger, 'moneyTotals'> },
  input: { writerId: string; year: number; timeZone: string },
): Promise<YearToDate> {
  const [totals] = await deps.transfers.moneyTotals(taxYearRange(input.year, input.timeZone), [
    input.writerId,
  ]);
  const paidCents = totals?.paidCents ?? 0;
  const reversedCents = totals?.reversedCents ?? 0;
  return { year: input.year, paidCents, reversedCents, netCents: paidCents - reversedCents };
}
