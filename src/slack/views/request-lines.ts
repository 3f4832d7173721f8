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
