import { classifyStripeError } from '../../stripe/errors';
import { capDayOf } from './daily-cap';
import type { TransferDeps } from './deps';
import type { BalanceShortfall, Transfer } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

/**
 * approved → submitting → paid | failed, with the idempotency key stored with the request, so
 * no retry (ours, stripe-node's or the reconciler's) can pay twice. An unknown outcome leaves
 * it `submitting` for the reconciler.
 */
export async function submitTransfer(deps: TransferDeps, id: string): Promise<Transfer | undefined> {
  const submitting = await deps.transfers.transition(id, 'approved', 'submitting', {
    submittedAt: deps.clock(),
  });
  if (!submitting) return deps.transfers.load(id);
  await deps.notifier.refresh(submitting);
  return driveTransferSubmission(deps, submitting);
}

export async function driveTransferSubmission(
  deps: TransferDeps,
  transfer: Transfer,
): Promise<Transfer | undefined> {
  let stripeTransfer: Awaited<ReturnType<TransferDeps['stripe']['createTransfer']>>;
  try {
    stripeTransfer = await deps.stripe.createTransfer(
      {
        amountCents: transfer.amountCents,
        destination: transfer.destination,
        transferGroup: transfer.transferGroup,
        description: transfer.memo,
        requestId: transfer.id,
        ref: transfer.ref,
      },
      transfer.idempotencyKey,
    );
  } catch (error) {
    const failure = classifyStripeError(error);
    if (failure.kind === 'unknown') {
      deps.logger.warn(
        { ref: transfer.ref, code: failure.code },
        'transfer outcome unknown; the reconciler will retry',
      );
      await deps.audit.append({
        actor: SYSTEM,
        action: 'transfer.submit_uncertain',
        subject: { type: 'transfer', id: transfer.ref },
        details: { requestId: transfer.id, code: failure.code },
      });
      return deps.transfers.load(transfer.id);
    }
    const shortfall = failure.code === 'balance_insufficient' ? await balanceShortfall(deps) : null;
    const failed = await deps.transfers.transition(transfer.id, 'submitting', 'failed', {
      failure: { code: failure.code, message: failure.message },
      shortfall,
    });
    if (failed) {
      // A failed transfer no longer counts against today's cap.
      if (failed.decidedAt) await deps.dailyTotals.release(capDayOf(failed.decidedAt), failed.amountCents);
      await deps.audit.append({
        actor: SYSTEM,
        action: 'transfer.failed',
        subject: { type: 'transfer', id: transfer.ref },
        details: {
          requestId: transfer.id,
          amountCents: transfer.amountCents,
          code: failure.code,
          message: failure.message,
        },
      });
      await deps.notifier.refresh(failed);
    }
    return failed ?? deps.transfers.load(transfer.id);
  }
  deps.crash('after-stripe-before-save');
  return recordPaid(deps, transfer, stripeTransfer.id);
}

/** submitting → paid with Stripe's id; the writer's DM goes out once, from whoever wins. */
export async function recordPaid(
  deps: TransferDeps,
  transfer: Transfer,
  stripeTransferId: string,
): Promise<Transfer | undefined> {
  const paid = await deps.transfers.transition(transfer.id, 'submitting', 'paid', {
    stripeTransferId,
    paidAt: deps.clock(),
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
  return paid;
}

/**
 * DMs the writer once: one sender claims the notice, sends, then records it; a sender that
 * dies lets the claim lapse and the reconciler sends it, so a DM is repeated at worst, never lost.
 */
export async function tellWriterPaid(deps: TransferDeps, transfer: Transfer): Promise<void> {
  if (transfer.writerNotified || transfer.status !== 'paid') return;
  if (!(await deps.transfers.claimWriterNotice(transfer.id, deps.clock(), 30_000))) return;
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
