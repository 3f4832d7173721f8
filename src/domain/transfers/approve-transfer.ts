import { formatCents } from '../money';
import { afterApproval } from '../requests/after-approval';
import { type ApprovalAuditNames, approvalFact, auditApproval } from '../requests/approval-audit';
import { type ApprovalGuard, approveRequest, type GuardedOutcome } from '../requests/approve-request';
import { approverIsPaid, paysApproverMessage } from '../requests/conflict-of-interest';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from './daily-cap';
import type { TransferDeps } from './deps';
import { writerPayabilityProblem } from './request-transfer';
import { submitTransfer } from './submit-transfer';
import type { Transfer } from './types';

/**
 * Checked at click time, on every attempt of the compare-and-set: the writer must still be
 * payable, and the final approval must fit under today's cap. The cap is reserved with one
 * conditional increment before the compare-and-set and given back if it loses, so concurrent
 * approvals can never together pass it.
 */
function transferGuard(deps: TransferDeps, day: string, approverId: string): ApprovalGuard<Transfer> {
  return async (transfer, isFinal) => {
    const writer = await deps.writers.findById(transfer.writerId);
    const payee = { slackUserId: transfer.writerSlackUserId, email: writer?.email ?? null };
    if (await approverIsPaid(deps.approvers, approverId, [payee])) {
      return { ok: false, message: paysApproverMessage(transfer.ref) };
    }
    const problem = writerPayabilityProblem(writer, `<@${transfer.writerSlackUserId}>`);
    if (problem || writer?.stripeAccountId !== transfer.destination) {
      return {
        ok: false,
        message: `Can't approve ${transfer.ref}: ${problem ?? "the writer's Stripe account changed since the request"}. Nothing was changed; it is still waiting.`,
      };
    }
    if (!isFinal) return { ok: true };
    if (!(await deps.dailyTotals.reserve(day, transfer.amountCents, deps.policy.dailyTransferCapCents))) {
      const used = await deps.dailyTotals.used(day);
      return {
        ok: false,
        message: `Can't approve ${transfer.ref} today: ${formatCents(used)} of the ${formatCents(deps.policy.dailyTransferCapCents)} daily transfer cap is already approved, and ${formatCents(transfer.amountCents)} more would pass it. Nothing was changed; approve it tomorrow or raise the cap.`,
      };
    }
    return { ok: true, release: () => deps.dailyTotals.release(day, transfer.amountCents) };
  };
}

export const TRANSFER_APPROVALS: ApprovalAuditNames = { action: 'transfer', subjectType: 'transfer' };

export function transferApprovalDetails(transfer: Transfer): Record<string, unknown> {
  return { requestId: transfer.id, amountCents: transfer.amountCents };
}

export async function approveTransfer(
  deps: TransferDeps,
  input: { id: string; approver: SlackUserRef; isFinance: boolean },
): Promise<GuardedOutcome<Transfer>> {
  const now = deps.clock();
  const day = capDayOf(now);
  const outcome = await approveRequest(
    deps.transfers,
    {
      id: input.id,
      approverId: input.approver.userId,
      teamId: input.approver.teamId,
      isFinance: input.isFinance,
      now,
    },
    transferGuard(deps, day, input.approver.userId),
  );
  if (outcome.kind === 'refused' || outcome.kind === 'blocked') return outcome;
  const request = outcome.request;
  const approval = request.approvals.find((candidate) => candidate.userId === input.approver.userId) ?? {
    userId: input.approver.userId,
    at: now,
  };
  await auditApproval(
    { ...deps, store: deps.transfers },
    approvalFact(TRANSFER_APPROVALS, request, approval, transferApprovalDetails(request)),
    request,
    input.approver.userId,
  );
  deps.crash('after-approval');
  if (outcome.kind === 'waiting') {
    await afterApproval(request, false, deps.logger, () => deps.notifier.refresh(request));
    return { kind: 'waiting', request };
  }
  const submitted = await afterApproval(request, true, deps.logger, () => submitTransfer(deps, request.id));
  return { kind: 'approved', request: submitted ?? request };
}
