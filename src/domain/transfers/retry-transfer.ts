import { NotFinanceError, PaydeskError } from '../errors';
import type { GuardedOutcome } from '../requests/approve-request';
import type { SlackUserRef } from '../requests/types';
import { refWithAttempt, statusWords } from '../status-words';
import { approveTransfer } from './approve-transfer';
import type { TransferDeps } from './deps';
import { freshTransfer } from './fresh-transfer';
import type { Transfer } from './types';

/**
 * Retry after a failure: a new attempt with a new stored idempotency key (so Stripe treats it
 * as a new request), the same transfer_group, and a fresh approval check by the person who
 * clicked. The failed attempt stays as it was, in the history. Two Retry clicks make one
 * attempt: its key is derived from the group and attempt number and is unique.
 */
export async function retryTransfer(
  deps: TransferDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean },
): Promise<GuardedOutcome<Transfer>> {
  if (!input.isFinance) throw new NotFinanceError();
  const failed = await deps.transfers.load(input.id);
  if (!failed) throw new PaydeskError('not_found', "That transfer doesn't exist. Nothing was changed.");
  if (failed.status !== 'failed') {
    throw new PaydeskError(
      'not_retryable',
      `${refWithAttempt(failed)} is ${statusWords(failed.status)}, so there is nothing to retry.`,
    );
  }
  if (failed.batchId) {
    // A line belongs to its run: a retry made here would be paid again when the run resumes.
    throw new PaydeskError(
      'line_of_run',
      `${failed.ref} is line ${failed.line ?? '?'} of a payout run, so it can't be retried on its own. If it failed for lack of balance, Resume on the run's message tries it again; otherwise send the writer a new /transfer. Nothing was changed.`,
    );
  }
  if (failed.requestedBy.userId === input.user.userId) {
    return { kind: 'refused', reason: 'self_approval', request: failed };
  }
  const idempotencyKey = `transfer:${failed.transferGroup}:attempt:${failed.attempt + 1}`;
  const retry = await deps.transfers.create({
    ...freshTransfer({
      amountCents: failed.amountCents,
      status: 'requested',
      requestedBy: failed.requestedBy,
      requestedAt: deps.clock(),
      requiredApprovals: failed.requiredApprovals,
      approvals: [],
      decidedAt: null,
      writerId: failed.writerId,
      writerSlackUserId: failed.writerSlackUserId,
      writerName: failed.writerName ?? null,
      destination: failed.destination,
      memo: failed.memo,
      attempt: failed.attempt + 1,
      retryOf: failed.id,
      // The retry takes over the request's message, which now shows the new attempt.
      slackMessage: failed.slackMessage,
    }),
    transferGroup: failed.transferGroup,
    idempotencyKey,
    // The request keeps its reference across attempts, so people find it by the name they know.
    ref: failed.ref,
  });
  if (!retry) {
    const existing = await deps.transfers.findByIdempotencyKey(idempotencyKey);
    throw new PaydeskError(
      'already_retried',
      `${refWithAttempt(failed)} was already retried${existing ? `: ${refWithAttempt(existing)} is ${statusWords(existing.status)}` : ''}. Nothing was changed.`,
    );
  }
  if (await deps.transfers.claimRetry(failed.id, idempotencyKey)) {
    await deps.transfers.linkRetry(failed.id, idempotencyKey, retry.id);
  }
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: 'transfer.retry_requested',
    subject: { type: 'transfer', id: retry.ref },
    details: {
      requestId: retry.id,
      retryOf: failed.ref,
      amountCents: retry.amountCents,
      attempt: retry.attempt,
    },
  });
  return approveTransfer(deps, { id: retry.id, approver: input.user, isFinance: input.isFinance });
}
