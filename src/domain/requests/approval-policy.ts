import type { ApprovableRequest, ApprovalRefusal } from './types';

/** Above the threshold two different people must approve; never the requester. */
export function requiredApprovalsFor(amountCents: number, dualApprovalAboveCents: number): number {
  return amountCents > dualApprovalAboveCents ? 2 : 1;
}

/** Why this person cannot approve this request now, or undefined when they can. */
export function approvalRefusal(
  request: ApprovableRequest | undefined,
  approverId: string,
  isFinance: boolean,
): ApprovalRefusal | undefined {
  if (!isFinance) return 'not_finance';
  if (!request) return 'not_found';
  if (request.status !== 'requested') return 'already_decided';
  if (request.requestedBy.userId === approverId) return 'self_approval';
  if (request.approvals.some((approval) => approval.userId === approverId)) return 'already_approved_by_you';
  return undefined;
}
