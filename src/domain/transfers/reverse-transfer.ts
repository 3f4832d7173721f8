import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../audit/types';
import { ApprovalSavedError, NotFinanceError, PaydeskError } from '../errors';
import { afterStripeCall } from '../requests/after-stripe';
import { approverIsPaid } from '../requests/conflict-of-interest';
import { sendWithStoredKey } from '../requests/key-window';
import type { SlackUserRef } from '../requests/types';
import { statusWords } from '../status-words';
import { announceReversals } from './announce-reversal';
import type { TransferDeps } from './deps';
import { validateReversal } from './reversal-input';
import { checkShownReversal } from './reversal-shown';
import type { Transfer } from './types';

async function loadPaid(deps: TransferDeps, id: string): Promise<Transfer> {
  const transfer = await deps.transfers.load(id);
  if (!transfer) throw new PaydeskError('not_found', "That transfer doesn't exist. Nothing was changed.");
  if (transfer.status !== 'paid' || !transfer.stripeTransferId) {
    throw new PaydeskError(
      'not_reversible',
      `${transfer.ref} is ${statusWords(transfer.status)}, so there is nothing to reverse.`,
    );
  }
  return transfer;
}

/**
 * Step one of a reversal: finance says how much (all that is left by default) and why. It
 * waits for a second finance user; its idempotency key is stored now, before any Stripe call.
 */
export async function requestReversal(
  deps: TransferDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; amountText: string; reason: string },
): Promise<Transfer> {
  if (!input.isFinance) throw new NotFinanceError();
  const transfer = await loadPaid(deps, input.id);
  const { amountCents, reason } = validateReversal(transfer, input);
  const requested = await deps.transfers.requestReversal(
    transfer.id,
    {
      amountCents,
      reason,
      requestedBy: input.user.userId,
      requestedAt: deps.clock(),
      // One key per attempt: after a refusal, asking again (another amount, say) is a new request.
      idempotencyKey: `reversal:${transfer.id}:${randomUUID()}`,
      approvedBy: null,
      approvedAt: null,
    },
    deps.clock(),
  );
  if (!requested) {
    throw new PaydeskError(
      'reversal_pending',
      `A reversal of ${transfer.ref} is already waiting for approval. Nothing was changed.`,
    );
  }
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: 'transfer.reversal_requested',
    subject: { type: 'transfer', id: requested.ref },
    details: { requestId: requested.id, amountCents, reason },
  });
  await deps.notifier.refresh(requested);
  return requested;
}

/**
 * Step two: a different finance user approves, and Stripe reverses it with the stored key.
 * The reversal is recorded once per Stripe reversal id, whether this or the webhook gets there first.
 */
export async function approveReversal(
  deps: TransferDeps,
  input: { id: string; approver: SlackUserRef; isFinance: boolean; requestKey?: string },
): Promise<Transfer | undefined> {
  if (!input.isFinance) throw new NotFinanceError();
  const transfer = await loadPaid(deps, input.id);
  const request = transfer.reversalRequest;
  if (!request)
    throw new PaydeskError('no_reversal', `No reversal of ${transfer.ref} is waiting. Nothing was changed.`);
  // The approval below is compare-and-set on this request's key, the one the button showed.
  await checkShownReversal(deps, transfer, input.requestKey);
  if (request.requestedBy === input.approver.userId) {
    throw new PaydeskError(
      'self_approval',
      `You asked for this reversal of ${transfer.ref}, so someone else in finance has to approve it.`,
    );
  }
  const writer = await deps.writers.findById(transfer.writerId);
  const payee = { slackUserId: transfer.writerSlackUserId, email: writer?.email ?? null };
  if (await approverIsPaid(deps.approvers, input.approver.userId, [payee])) {
    throw new PaydeskError(
      'pays_approver',
      `You can't approve the reversal of ${transfer.ref} because that payment was to you; someone else in finance has to approve it.`,
    );
  }
  const approved = await deps.transfers.approveReversal(
    transfer.id,
    request.idempotencyKey,
    input.approver.userId,
    deps.clock(),
  );
  if (!approved)
    throw new PaydeskError(
      'already_decided',
      `The reversal of ${transfer.ref} was already approved or withdrawn.`,
    );
  try {
    await deps.audit.append({
      actor: { kind: 'slack', ...input.approver },
      action: 'transfer.reversal_approved',
      subject: { type: 'transfer', id: approved.ref },
      details: { requestId: approved.id, amountCents: request.amountCents, requestedBy: request.requestedBy },
    });
  } catch {
    // The approval stands (the reconciler sends it, and its `transfer.reversed` names the approver).
    throw new ApprovalSavedError(`the reversal of ${approved.ref}`, true);
  }
  return driveReversal(deps, approved, { kind: 'slack', ...input.approver }, input.approver.userId);
}

/**
 * Calls Stripe for an approved reversal with its stored key, then records it once per Stripe
 * reversal id (whether this or the `transfer.reversed` webhook gets there first). When Stripe
 * does not answer, the approval stands and the reconciler calls again with the same key.
 */
export async function driveReversal(
  deps: TransferDeps,
  transfer: Transfer,
  actor: AuditActor,
  approverId: string,
): Promise<Transfer | undefined> {
  const request = transfer.reversalRequest;
  if (!request?.approvedBy || !transfer.stripeTransferId) return transfer;
  let reversal: Awaited<ReturnType<TransferDeps['stripe']['createReversal']>>;
  let key = request.idempotencyKey;
  try {
    const stripeTransferId = transfer.stripeTransferId;
    ({ answer: reversal, key } = await sendWithStoredKey({
      key: request.idempotencyKey,
      firstUsedAt: request.keyIssuedAt ?? request.approvedAt ?? request.requestedAt,
      now: deps.clock(),
      lookUp: () => deps.stripe.findReversal(stripeTransferId, request.idempotencyKey),
      create: (idempotencyKey) =>
        deps.stripe.createReversal(
          stripeTransferId,
          { amountCents: request.amountCents, reason: request.reason },
          idempotencyKey,
        ),
      classifyError: (error) => deps.stripe.classifyError(error),
      renewKey: (next) =>
        deps.transfers.renewReversalKey(transfer.id, request.idempotencyKey, next, deps.clock()),
      onKeyMisuse: (failure) =>
        deps.logger.error(
          { ref: transfer.ref, code: failure.code },
          'reversal key was reused with other parameters: a Paydesk bug',
        ),
    }));
  } catch (error) {
    const failure = deps.stripe.classifyError(error);
    if (failure.kind === 'unknown') {
      throw new PaydeskError(
        'reversal_uncertain',
        `Stripe did not answer about reversing ${transfer.ref}. Paydesk will ask again with the same request, so it cannot be reversed twice; the message updates when Stripe answers.`,
      );
    }
    // A definite refusal ends this attempt; asking again gets a new key.
    await afterStripeCall(transfer.ref, deps.logger, async () => {
      // The refusal may answer a renewed key (`…~2`): clear the attempt under the key stored now.
      const stored = (await deps.transfers.load(transfer.id))?.reversalRequest?.idempotencyKey;
      const attempt = sameAttempt(stored, request.idempotencyKey) ? (stored as string) : key;
      const cleared = await deps.transfers.clearReversalRequest(transfer.id, attempt);
      await deps.audit.append({
        actor,
        action: 'transfer.reversal_failed',
        subject: { type: 'transfer', id: transfer.ref },
        details: {
          requestId: transfer.id,
          amountCents: request.amountCents,
          code: failure.code,
          requestedBy: request.requestedBy,
          approvedBy: approverId,
        },
      });
      if (cleared) await deps.notifier.refresh(cleared);
    });
    throw new PaydeskError(
      'reversal_failed',
      `Stripe refused to reverse ${transfer.ref}: ${failure.message} Nothing was reversed; once that is fixed, ask again with Reverse on the transfer's message.`,
    );
  }
  return afterStripeCall(transfer.ref, deps.logger, () =>
    recordReversalAnswer(deps, transfer, request, reversal, key, actor, approverId),
  );
}

/** Whether `stored` is `key` or a renewal of it (`key~2`, `key~3`, …). */
export function sameAttempt(stored: string | undefined, key: string): boolean {
  const base = key.replace(/~\d+$/, '');
  return stored !== undefined && (stored === base || stored.startsWith(`${base}~`));
}

async function recordReversalAnswer(
  deps: TransferDeps,
  transfer: Transfer,
  request: NonNullable<Transfer['reversalRequest']>,
  reversal: Awaited<ReturnType<TransferDeps['stripe']['createReversal']>>,
  key: string,
  actor: AuditActor,
  approverId: string,
): Promise<Transfer | undefined> {
  const recorded = await deps.transfers.recordReversal(transfer.id, {
    stripeReversalId: reversal.id,
    amountCents: reversal.amount,
    reason: request.reason,
    requestedBy: request.requestedBy,
    approvedBy: approverId,
    at: reversal.created ? new Date(reversal.created * 1000) : deps.clock(),
  });
  const cleared = (await deps.transfers.clearReversalRequest(transfer.id, key)) ?? recorded;
  if (recorded) {
    await deps.audit.append({
      actor,
      action: 'transfer.reversed',
      subject: { type: 'transfer', id: recorded.ref },
      details: {
        requestId: recorded.id,
        amountCents: reversal.amount,
        stripeReversalId: reversal.id,
        totalReversedCents: recorded.amountReversedCents,
        requestedBy: request.requestedBy,
        approvedBy: approverId,
      },
    });
    deps.defer(`reversal of ${recorded.ref}`, () => announceReversals(deps, cleared ?? recorded));
  }
  if (cleared) await deps.notifier.refresh(cleared);
  return cleared;
}

/** Withdraws a waiting reversal (finance; the requester may withdraw their own). */
export async function rejectReversal(
  deps: TransferDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; requestKey?: string },
): Promise<Transfer | undefined> {
  if (!input.isFinance) throw new NotFinanceError();
  const transfer = await deps.transfers.load(input.id);
  const request = transfer?.reversalRequest;
  if (!transfer || !request || request.approvedBy) {
    throw new PaydeskError('already_decided', 'That reversal was already approved or withdrawn.');
  }
  await checkShownReversal(deps, transfer, input.requestKey);
  const cleared = await deps.transfers.clearReversalRequest(transfer.id, request.idempotencyKey);
  if (cleared) {
    await deps.audit.append({
      actor: { kind: 'slack', ...input.user },
      action: 'transfer.reversal_rejected',
      subject: { type: 'transfer', id: cleared.ref },
      details: { requestId: cleared.id, amountCents: request.amountCents },
    });
    await deps.notifier.refresh(cleared);
  }
  return cleared;
}
