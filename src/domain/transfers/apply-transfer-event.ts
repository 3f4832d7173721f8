import type Stripe from 'stripe';
import type { TransferDeps } from './deps';
import { recordPaid } from './submit-transfer';
import type { Transfer } from './types';

export const TRANSFER_EVENT_TYPES = ['transfer.created', 'transfer.reversed', 'transfer.updated'];

/** The transfer request a Stripe transfer belongs to: by the request id in its metadata, else by its id. */
export async function findTransfer(
  deps: Pick<TransferDeps, 'transfers'>,
  object: { id?: string; metadata?: Record<string, string> | null },
): Promise<Transfer | undefined> {
  const requestId = object.metadata?.paydesk_request_id;
  return (
    (requestId ? await deps.transfers.load(requestId) : undefined) ??
    (typeof object.id === 'string' ? await deps.transfers.findByStripeId(object.id) : undefined)
  );
}

/**
 * `transfer.created` finishes a submission whose reply was lost (submitting → paid); reversals
 * are recorded once per Stripe reversal id, whoever started them (Slack or the Dashboard).
 */
export async function applyTransferEvent(deps: TransferDeps, event: Stripe.Event): Promise<void> {
  const object = event.data.object as Stripe.Transfer;
  if (object.object !== 'transfer') return;
  const transfer = await findTransfer(deps, object);
  // Intake already ignores (and audits) events for transfers Paydesk did not make; this is the backstop.
  if (!transfer) {
    deps.logger.info(
      { stripeTransferId: object.id, type: event.type },
      'event for a transfer Paydesk did not make; ignored',
    );
    return;
  }
  if (transfer.status === 'submitting' || transfer.status === 'approved') {
    await recordPaid(deps, transfer, object.id);
  }
  if (event.type === 'transfer.created') return;
  let current = (await deps.transfers.load(transfer.id)) ?? transfer;
  for (const reversal of object.reversals?.data ?? []) {
    if (current.reversals.some((known) => known.stripeReversalId === reversal.id)) continue;
    const updated = await deps.transfers.recordReversal(current.id, {
      stripeReversalId: reversal.id,
      amountCents: reversal.amount,
      reason: reversal.metadata?.paydesk_reason ?? 'Reversed at Stripe',
      requestedBy: null,
      approvedBy: null,
      at: deps.clock(),
    });
    if (!updated) continue;
    current = updated;
    await deps.audit.append({
      actor: { kind: 'stripe', eventId: event.id },
      action: 'transfer.reversed',
      subject: { type: 'transfer', id: updated.ref },
      details: {
        requestId: updated.id,
        amountCents: reversal.amount,
        stripeReversalId: reversal.id,
        totalReversedCents: updated.amountReversedCents,
      },
    });
    const news = { id: reversal.id, amountCents: reversal.amount };
    deps.defer(`reversal of ${updated.ref}`, async () => {
      await deps.notifier.refresh(updated);
      await deps.notifier.reversed(updated, news);
    });
  }
}
