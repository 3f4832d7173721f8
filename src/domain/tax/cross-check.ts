import type { Writer } from '../onboarding/types';
import type { TaxDeps } from './deps';
import { taxYearRange } from './tax-year';

export type CrossCheckDifference =
  /** Stripe has a transfer to the writer's account in the year that Paydesk doesn't count there. */
  | { kind: 'only_at_stripe'; stripeTransferId: string; stripeCents: number }
  /** Paydesk counts a transfer in the year that Stripe doesn't list for that year. */
  | { kind: 'only_at_paydesk'; ref: string; stripeTransferId: string | null; paydeskCents: number }
  | {
      kind: 'amount' | 'reversed';
      ref: string;
      stripeTransferId: string;
      paydeskCents: number;
      stripeCents: number;
    };

export type CrossCheckResult = {
  writerId: string;
  checkedTransfers: number;
  differences: CrossCheckDifference[];
};

/**
 * One writer's year against Stripe: the transfers Paydesk counts as paid in the year, and
 * Stripe's transfers to the writer's accounts created in the year, matched by Stripe id (amount,
 * and total reversed so far). Paydesk dates a payment by Stripe's `created`, so both sides put it
 * in the same year; one they don't (a record dated by Paydesk's clock, from before that or when
 * Stripe gave no time, that straddles midnight on Dec 31) shows up here, worth a look before filing.
 */
export async function crossCheckWriter(
  deps: Pick<TaxDeps, 'transfers' | 'stripe' | 'timeZone'>,
  writer: Pick<Writer, 'id' | 'stripeAccountId'>,
  year: number,
): Promise<CrossCheckResult> {
  const range = taxYearRange(year, deps.timeZone);
  const ours = (await deps.transfers.moneyActivity(writer.id, range)).filter(
    (t) =>
      (t.status === 'paid' || t.status === 'reversed') &&
      t.paidAt &&
      t.paidAt >= range.from &&
      t.paidAt < range.to,
  );
  const destinations = new Set(ours.map((t) => t.destination));
  if (writer.stripeAccountId) destinations.add(writer.stripeAccountId);
  const theirs = new Map<string, { amountCents: number; amountReversedCents: number }>();
  for (const destination of destinations) {
    for (const transfer of await deps.stripe.transfersTo(destination, range))
      theirs.set(transfer.id, transfer);
  }
  const differences: CrossCheckDifference[] = [];
  const matched = new Set<string>();
  for (const transfer of ours) {
    const at = transfer.stripeTransferId ? theirs.get(transfer.stripeTransferId) : undefined;
    const ids = { ref: transfer.ref, stripeTransferId: transfer.stripeTransferId };
    if (!at || !transfer.stripeTransferId) {
      differences.push({ kind: 'only_at_paydesk', ...ids, paydeskCents: transfer.amountCents });
      continue;
    }
    matched.add(transfer.stripeTransferId);
    const known = { ref: transfer.ref, stripeTransferId: transfer.stripeTransferId };
    if (at.amountCents !== transfer.amountCents)
      differences.push({
        kind: 'amount',
        ...known,
        paydeskCents: transfer.amountCents,
        stripeCents: at.amountCents,
      });
    if (at.amountReversedCents !== transfer.amountReversedCents)
      differences.push({
        kind: 'reversed',
        ...known,
        paydeskCents: transfer.amountReversedCents,
        stripeCents: at.amountReversedCents,
      });
  }
  for (const [id, transfer] of theirs) {
    if (!matched.has(id))
      differences.push({ kind: 'only_at_stripe', stripeTransferId: id, stripeCents: transfer.amountCents });
  }
  return { writerId: writer.id, checkedTransfers: ours.length, differences };
}

/**
 * A random sample of the year's writers checked against Stripe; writers whose figures differ
 * are logged and posted to finance. Small on purpose: it runs in the reconciler's pass.
 */
export async function crossCheckSample(deps: TaxDeps, year: number): Promise<CrossCheckResult[]> {
  const totals = await deps.transfers.moneyTotals(taxYearRange(year, deps.timeZone));
  const sample = totals
    .map((row) => ({ row, order: Math.random() }))
    .sort((a, b) => a.order - b.order)
    .slice(0, deps.crossCheck.sampleSize)
    .map(({ row }) => row.writerId);
  const writers = await deps.writers.findMany(sample);
  const results: CrossCheckResult[] = [];
  const differing: { writer: Writer; differences: CrossCheckDifference[] }[] = [];
  for (const writer of writers) {
    const result = await crossCheckWriter(deps, writer, year);
    results.push(result);
    if (result.differences.length > 0) {
      differing.push({ writer, differences: result.differences });
      deps.logger.warn(
        { writerId: writer.id, year, differences: result.differences },
        'tax cross-check: Paydesk and Stripe differ',
      );
    }
  }
  if (differing.length > 0) await deps.notifier.crossCheckDifferences({ year, writers: differing });
  return results;
}
