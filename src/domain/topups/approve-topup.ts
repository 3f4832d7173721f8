import { approveRequest, type GuardedOutcome } from '../requests/approve-request';
import type { SlackUserRef } from '../requests/types';
import type { TopupDeps } from './deps';
import { submitTopup } from './submit-topup';
import type { Topup } from './types';

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
  await deps.audit.append({
    actor: { kind: 'slack', ...input.approver },
    action: outcome.kind === 'approved' ? 'topup.approved' : 'topup.approval_recorded',
    subject: { type: 'topup', id: outcome.request.ref },
    details: {
      requestId: outcome.request.id,
      amountCents: outcome.request.amountCents,
      approvals: outcome.request.approvals.length,
      requiredApprovals: outcome.request.requiredApprovals,
    },
  });
  deps.crash('after-approval');
  if (outcome.kind === 'waiting') {
    await deps.notifier.refresh(outcome.request);
    return outcome;
  }
  const submitted = await submitTopup(deps, outcome.request.id);
  return { kind: 'approved', request: submitted ?? outcome.request };
}
