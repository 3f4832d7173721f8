import type Stripe from 'stripe';
import { announceReversals } from './announce-reversal';
import type { TransferDeps } from './deps';
import { sameAttempt } from './reverse-transfer';
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

/** The approved Slack reversal request a Stripe reversal was sent for (by its stored key), if any. */
function askedInSlack(transfer: Transfer, key: string | undefined) {
  const request = transfer.reversalRequest;
  if (!key || !request?.approvedBy || !sameAttempt(key, request.idempotencyKey)) return undefined;
  return request;
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
    await recordPaid(deps, transfer, object);
  }
  if (event.type === 'transfer.created') return;
  let current = (await deps.transfers.load(transfer.id)) ?? transfer;
  let recorded = false;
  for (const reversal of object.reversals?.data ?? []) {
    if (current.reversals.some((known) => known.stripeReversalId === reversal.id)) continue;
    const updated = await recordStripeReversal(deps, current, reversal, event.id);
    if (!updated) continue;
    current = updated;
    recorded = true;
  }
  // Read again: a Slack click may have recorded one of these reversals while this loop ran.
  current = (await deps.transfers.load(transfer.id)) ?? current;
  // Before the event counts as processed: a crash after recording a reversal (here, or in the
  // Slack click that asked for it) leaves it unannounced, and processing the event again mends it
  // (or the reconciler does, when no event comes again).
  const unannounced = current.reversals.some((reversal) => reversal.announced === false);
  await announceReversals(deps, current);
  if (recorded || unannounced) await deps.notifier.refresh(current);
}

async function recordStripeReversal(
  deps: TransferDeps,
  current: Transfer,
  reversal: Stripe.TransferReversal,
  eventId: string,
): Promise<Transfer | undefined> {
  const asked = askedInSlack(current, reversal.metadata?.paydesk_reversal_key);
  const updated = await deps.transfers.recordReversal(current.id, {
    stripeReversalId: reversal.id,
    amountCents: reversal.amount,
    reason: reversal.metadata?.paydesk_reason ?? 'Reversed at Stripe',
    // When Stripe reversed it: a webhook retried into January still counts in December's year.
    at: reversal.created ? new Date(reversal.created * 1000) : deps.clock(),
    // The webhook may record a reversal asked for in Slack before the approver's click does:
    // the card keeps who asked and who approved all the same.
    requestedBy: asked?.requestedBy ?? null,
    approvedBy: asked?.approvedBy ?? null,
  });
  if (!updated) return undefined;
  await deps.audit.append({
    actor: { kind: 'stripe', eventId },
    action: 'transfer.reversed',
    subject: { type: 'transfer', id: updated.ref },
    details: {
      requestId: updated.id,
      amountCents: reversal.amount,
      stripeReversalId: reversal.id,
      totalReversedCents: updated.amountReversedCents,
    },
  });
  return updated;
}
