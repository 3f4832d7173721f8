import type { Writer } from '../onboarding/types';
import type { Transfer } from '../transfers/types';
import type { TaxDeps } from './deps';
import { taxYearOf } from './tax-year';
import { isOverThreshold, thresholdFor } from './thresholds';
import { yearFigures } from './year-figures';
import { writerYearToDate } from './year-to-date';

/** A claimer that died before queuing its alert is taken over after this long. */
const UNSENT_GRACE_MS = 60_000;

/**
 * After a transfer is recorded paid: if it took the writer to the year's threshold and Stripe
 * lacks their taxpayer id, finance hears it once (tax details still being verified are not
 * "lacking": Stripe has them). Never throws into the payment it follows.
 */
export async function watchThreshold(deps: TaxDeps, transfer: Transfer): Promise<void> {
  if (!transfer.paidAt) return;
  try {
    const year = taxYearOf(transfer.paidAt, deps.timeZone);
    const threshold = thresholdFor(year, deps.thresholds);
    const input = { writerId: transfer.writerId, year, timeZone: deps.timeZone };
    const { netCents } = await writerYearToDate(deps, input);
    if (!isOverThreshold(netCents, threshold)) return;
    const writer = await deps.writers.findById(transfer.writerId);
    if (writer) await alertIfLacking(deps, year, writer, netCents);
  } catch (error) {
    deps.logger.error(
      { err: error, ref: transfer.ref },
      'tax threshold check failed; the reconciler checks again',
    );
  }
}

/** The reconciler's sweep: every writer at or over the year's threshold without tax details. */
export async function sweepThresholds(deps: TaxDeps, year: number): Promise<string[]> {
  const alerted: string[] = [];
  for (const row of (await yearFigures(deps, year)).rows) {
    if (row.over && row.writer && (await alertIfLacking(deps, year, row.writer, row.netCents))) {
      alerted.push(row.writerId);
    }
  }
  return alerted;
}

/** Alerts whose claimer died between the claim and the queue: queued now (the outbox key dedups). */
export async function resendUnsentAlerts(deps: TaxDeps, now: Date): Promise<number> {
  const unsent = await deps.alerts.unsent(new Date(now.getTime() - UNSENT_GRACE_MS));
  for (const { year, writerId } of unsent) {
    const writer = await deps.writers.findById(writerId);
    const { netCents } = await writerYearToDate(deps, { writerId, year, timeZone: deps.timeZone });
    if (writer) await send(deps, year, writer, netCents);
    else await deps.alerts.markSent(year, writerId, deps.clock());
  }
  return unsent.length;
}

/** Claim-before-send: the unique marker (year, writer) decides the one sender across replicas. */
async function alertIfLacking(
  deps: TaxDeps,
  year: number,
  writer: Writer,
  netCents: number,
): Promise<boolean> {
  if (writer.taxDetails !== undefined && writer.taxDetails !== 'missing') return false;
  if (!(await lacksTaxDetailsAtStripe(deps, writer))) return false;
  if (!(await deps.alerts.claim(year, writer.id, deps.clock()))) return false;
  await send(deps, year, writer, netCents);
  return true;
}

/**
 * Asked of Stripe before an alert, which is sent once a year: what Paydesk stored is only as fresh
 * as the last account.updated, and writers stored before tax details were kept have none at all.
 * When Stripe cannot be asked, no alert now; the hourly sweep asks again.
 */
async function lacksTaxDetailsAtStripe(deps: TaxDeps, writer: Writer): Promise<boolean> {
  if (!writer.stripeAccountId) return true;
  try {
    return (await deps.stripe.taxDetailsOf(writer.stripeAccountId)) === 'missing';
  } catch (error) {
    deps.logger.warn(
      { err: error, writerId: writer.id },
      'could not ask Stripe for tax details; the sweep asks again',
    );
    return false;
  }
}

async function send(deps: TaxDeps, year: number, writer: Writer, netCents: number): Promise<void> {
  const threshold = thresholdFor(year, deps.thresholds);
  const taxDetails = writer.taxDetails ?? 'missing';
  await deps.notifier.thresholdCrossed({ year, writer, netCents, threshold, taxDetails });
  await deps.alerts.markSent(year, writer.id, deps.clock());
  deps.logger.info(
    { writerId: writer.id, year, netCents },
    'tax threshold crossed without tax details: finance alerted',
  );
}
