import { afterApproval } from '../requests/after-approval';
import { type ApprovalAuditNames, approvalFact, auditApproval } from '../requests/approval-audit';
import { approveRequest, type GuardedOutcome } from '../requests/approve-request';
import type { SlackUserRef } from '../requests/types';
import type { TopupDeps } from './deps';
import { submitTopup } from './submit-topup';
import type { Topup } from './types';

export const TOPUP_APPROVALS: ApprovalAuditNames = { action: 'topup', subjectType: 'topup' };

export function topupApprovalDetails(topup: Topup): Record<string, unknown> {
  return { requestId: topup.id, amountCents: topup.amountCents };
}

/**
 * A finance click on Approve. The approval is a compare-and-set; the last required approval
 * submits the top-up to Stripe. Whoever lost a race gets a refusal that says what happened.
 */
export async function approveTopup(
  deps: TopupDeps,
  input: { id: string; approver: SlackUserRef; isFinance: boolean },
): Promise<GuardedOutcome<Topup>> {
  const outcome = await approveRequest(deps.topups, {
    id: input.id,
    approverId: input.approver.userId,
    teamId: input.approver.teamId,
    isFinance: input.isFinance,
    now: deps.clock(),
  });
  if (outcome.kind === 'refused' || outcome.kind === 'blocked') return outcome;
  const approval = outcome.request.approvals.find(
    (candidate) => candidate.userId === input.approver.userId,
  ) ?? {
    userId: input.approver.userId,
    at: deps.clock(),
  };
  await auditApproval(
    { ...deps, store: deps.topups },
    approvalFact(TOPUP_APPROVALS, outcome.request, approval, topupApprovalDetails(outcome.request)),
    outcome.request,
    input.approver.userId,
  );
  deps.crash('after-approval');
  const request = outcome.request;
  if (outcome.kind === 'waiting') {
    await afterApproval(request, false, deps.logger, () => deps.notifier.refresh(request));
    return outcome;
  }
  const submitted = await afterApproval(request, true, deps.logger, () => submitTopup(deps, request.id));
  return { kind: 'approved', request: submitted ?? request };
}
