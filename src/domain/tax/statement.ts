import type { Writer } from '../onboarding/types';
import type { TaxDeps } from './deps';
import { taxYearRange } from './tax-year';

export type StatementLine = {
  kind: 'payment' | 'reversal';
  at: Date;
  /** A payment adds, a reversal takes away (negative). */
  amountCents: number;
  memo: string;
  /** Why it was reversed (empty for a payment). */
  reason: string;
  ref: string;
  stripeTransferId: string | null;
  stripeReversalId: string | null;
};

export type Statement = {
  year: number;
  timeZone: string;
  writer: Writer;
  /** Oldest first. */
  lines: StatementLine[];
  paidCents: number;
  reversedCents: number;
  netCents: number;
};

const within = (at: Date | null, range: { from: Date; to: Date }) =>
  at !== null && at >= range.from && at < range.to;

/**
 * A writer's payments and reversals in a tax year, by the rule of tax/year-to-date.ts: a payment on
 * the day Stripe made it, a reversal on the day it was made, each in its own year.
 */
export async function writerStatement(
  deps: Pick<TaxDeps, 'transfers' | 'timeZone'>,
  writer: Writer,
  year: number,
): Promise<Statement> {
  const range = taxYearRange(year, deps.timeZone);
  const lines: StatementLine[] = [];
  for (const transfer of await deps.transfers.moneyActivity(writer.id, range)) {
    const base = { memo: transfer.memo, ref: transfer.ref, stripeTransferId: transfer.stripeTransferId };
    if ((transfer.status === 'paid' || transfer.status === 'reversed') && within(transfer.paidAt, range)) {
      lines.push({
        ...base,
        kind: 'payment',
        at: transfer.paidAt as Date,
        amountCents: transfer.amountCents,
        reason: '',
        stripeReversalId: null,
      });
    }
    for (const reversal of transfer.reversals) {
      if (!within(reversal.at, range)) continue;
      lines.push({
        ...base,
        kind: 'reversal',
        at: reversal.at,
        amountCents: -reversal.amountCents,
        reason: reversal.reason,
        stripeReversalId: reversal.stripeReversalId,
      });
    }
  }
  lines.sort((a, b) => a.at.getTime() - b.at.getTime());
  const paidCents = lines.filter((l) => l.kind === 'payment').reduce((sum, l) => sum + l.amountCents, 0);
  // Subtracted from 0 rather than negated: no reversals is 0, not -0 (shown as "-$0.00").
  const reversedCents = lines.filter((l) => l.kind === 'reversal').reduce((sum, l) => sum - l.amountCents, 0);
  return {
    year,
    timeZone: deps.timeZone,
    writer,
    lines,
    paidCents,
    reversedCents,
    netCents: paidCents - reversedCents,
  };
}
