import { formatCents } from '../../domain/money';
import type { ApprovableRequest } from '../../domain/requests/types';
import type { BalanceSummary } from '../../stripe/gateway';
import { mention, slackTime } from './escape';

/** "Needs 1 approval from finance (not the requester)" / "approved by @a · waiting for one more". */
export function approvalLine(request: ApprovableRequest): string {
  const approvedBy = request.approvals.map(
    (approval) => `${mention(approval.userId)} ${slackTime(approval.at)}`,
  );
  if (request.status === 'requested') {
    const missing = request.requiredApprovals - request.approvals.length;
    if (request.approvals.length === 0) {
      return request.requiredApprovals === 1
        ? 'Needs 1 approval from finance (not the requester)'
        : `Needs ${request.requiredApprovals} approvals from finance (not the requester)`;
    }
    return `Approved by ${approvedBy.join(', ')} · waiting for ${missing === 1 ? 'one more' : `${missing} more`}`;
  }
  return approvedBy.length > 0 ? `Approved by ${approvedBy.join(', ')}` : 'Not approved';
}

export function balanceLine(balance: BalanceSummary): string {
  return `Balance now: ${formatCents(balance.availableCents)} available · ${formatCents(balance.pendingCents)} pending`;
}

/**
 * Said on the request itself when fewer finance members may approve it (not the requester, not
 * anyone it pays) than it needs, so nobody waits for an approval that cannot come.
 */
export function approvalCapacityLine(request: ApprovableRequest): string | undefined {
  const eligible = request.eligibleApprovers;
  if (request.status !== 'requested' || !eligible || eligible.length >= request.requiredApprovals) {
    return undefined;
  }
  const who =
    eligible.length === 0
      ? 'nobody in finance is'
      : `only ${eligible.map(mention).join(' and ')} ${eligible.length === 1 ? 'is' : 'are'}`;
  const needs = request.requiredApprovals === 1 ? 'an approver' : `${request.requiredApprovals} approvers`;
  return `:warning: *This can't be approved as configured:* it needs ${needs} other than the requester and whoever it pays, and ${who}. Ask a Paydesk admin to add someone to the finance set (or raise \`DUAL_APPROVAL_ABOVE_CENTS\`), and reject this meanwhile.`;
}
