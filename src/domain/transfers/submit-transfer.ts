import { type SubmissionDeps, startSubmission, submitToStripe } from '../requests/submit-to-stripe';
import { capDayOf } from './daily-cap';
import type { TransferDeps } from './deps';
import type { BalanceShortfall, Transfer } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

function submission(deps: TransferDeps): SubmissionDeps<Transfer> {
  return {
    ...deps,
    store: deps.transfers,
    refresh: (transfer) => deps.notifier.refresh(transfer),
    subject: 'transfer',
  };
}

/**
 * approved → submitting → paid | failed, with the idempotency key stored with the request, so
 * no retry can pay twice; an unknown outcome leaves it `submitting` for the reconciler.
 */
export function submitTransfer(deps: TransferDeps, id: string): Promise<Transfer | undefined> {
  return startSubmission(submission(deps), id, (transfer) => driveTransferSubmission(deps, transfer));
}

export function driveTransferSubmission(
  deps: TransferDeps,
  transfer: Transfer,
): Promise<Transfer | undefined> {
  return submitToStripe(
    submission(deps),
    transfer,
    {
      lookUp: () => deps.stripe.findTransferByRequestId(transfer.transferGroup, transfer.id),
      create: (idempotencyKey) =>
        deps.stripe.createTransfer(
          {
            amountCents: transfer.amountCents,
            destination: transfer.destination,
            transferGroup: transfer.transferGroup,
            description: transfer.memo,
            requestId: transfer.id,
            ref: transfer.ref,
          },
          idempotencyKey,
        ),
    },
    {
      record: (stripeTransfer) => recordPaid(deps, transfer, stripeTransfer),
      failureFields: async (failure) => ({
        shortfall: failure.code === 'balance_insufficient' ? await balanceShortfall(deps) : null,
      }),
      // A failed transfer no longer counts against today's cap.
      afterFailed: async (failed) => {
        if (failed.decidedAt) await deps.dailyTotals.release(capDayOf(failed.decidedAt), failed.amountCents);
      },
    },
  );
}

/**
 * submitting → paid with Stripe's id; the writer's DM goes out once, from whoever wins. Paid when
 * Stripe made the transfer (its `created`), not when Paydesk heard of it: a reply lost at 23:59
 * on Dec 31 and recorded after midnight still counts in the year the money moved.
 */
export async function recordPaid(
  deps: TransferDeps,
  transfer: Transfer,
  stripeTransfer: { id: string; created?: number },
): Promise<Transfer | undefined> {
  const stripeTransferId = stripeTransfer.id;
  const paid = await deps.transfers.transition(transfer.id, 'submitting', 'paid', {
    stripeTransferId,
    paidAt: stripeTransfer.created ? new Date(stripeTransfer.created * 1000) : deps.clock(),
  });
  if (!paid) return deps.transfers.load(transfer.id);
  await deps.audit.append({
    actor: SYSTEM,
    action: 'transfer.paid',
    subject: { type: 'transfer', id: paid.ref },
    details: {
      requestId: paid.id,
      amountCents: paid.amountCents,
      stripeTransferId,
      destination: paid.destination,
      writerId: paid.writerId,
    },
  });
  await deps.notifier.refresh(paid);
  deps.defer(`DM writer for ${paid.ref}`, () => tellWriterPaid(deps, paid));
  const { afterPaid } = deps;
  if (afterPaid) deps.defer(`tax threshold after ${paid.ref}`, () => afterPaid(paid));
  return paid;
}

/**
 * Queues the writer's DM, then records it: the DM's key (the transfer) is stored once in the Slack
 * outbox however often it is queued, so a crash in between only leaves the reconciler to record it.
 */
export async function tellWriterPaid(deps: TransferDeps, transfer: Transfer): Promise<void> {
  if (transfer.writerNotified || transfer.status !== 'paid') return;
  await deps.notifier.paid(transfer);
  await deps.transfers.markWriterNotified(transfer.id);
}

async function balanceShortfall(deps: TransferDeps): Promise<BalanceShortfall | null> {
  const [balance, inFlight] = await Promise.all([
    deps.stripe.balance().catch(() => undefined),
    deps.topups.inFlight().catch(() => []),
  ]);
  if (!balance) return null;
  const next = inFlight
    .filter((topup) => topup.status === 'pending')
    .sort((a, b) => a.expectedAvailableAt.getTime() - b.expectedAvailableAt.getTime())[0];
  return {
    availableCents: balance.availableCents,
    pendingCents: balance.pendingCents,
    nextTopup: next
      ? { ref: next.ref, amountCents: next.amountCents, expectedAvailableAt: next.expectedAvailableAt }
      : null,
  };
}
