import type { ApproverDirectory } from './ports';

/** Who a request pays: a writer's Slack user and, where Slack or onboarding has one, their email. */
export type Payee = { slackUserId: string; email: string | null };

function sameEmail(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Separation of duties: nobody approves money going to themselves. The approver's email comes
 * from Slack at click time (a payee may be linked by email to another Slack account).
 */
export async function payeeOfApprover<P extends Payee>(
  directory: ApproverDirectory,
  approverId: string,
  payees: P[],
): Promise<P | undefined> {
  const byId = payees.find((payee) => payee.slackUserId === approverId);
  if (byId || !payees.some((payee) => payee.email !== null)) return byId;
  const email = await directory.emailOf(approverId);
  return payees.find((payee) => sameEmail(payee.email, email));
}

export async function approverIsPaid(
  directory: ApproverDirectory,
  approverId: string,
  payees: Payee[],
): Promise<boolean> {
  return (await payeeOfApprover(directory, approverId, payees)) !== undefined;
}

export function paysApproverMessage(ref: string): string {
  return `You can't approve ${ref} because it pays you; someone else in finance has to approve it.`;
}

/**
 * The finance members who could approve a request: not its requester and not anyone it pays.
 * Stored with the request, so its message can say at once when it can never be approved. Best
 * effort: when Slack cannot list the user group, nothing is stored and nothing is claimed.
 */
export async function eligibleApprovers(
  directory: ApproverDirectory,
  requesterId: string,
  payeeIds: string[],
): Promise<string[] | undefined> {
  try {
    const members = await directory.financeMembers();
    const paid = new Set(payeeIds);
    return members.filter((member) => member !== requesterId && !paid.has(member)).sort();
  } catch {
    return undefined;
  }
}

/** The start-up check: dual approval needs a requester and two other finance members. */
export function dualApprovalWarning(
  financeMemberCount: number,
  policy: { dualApprovalAboveCents: number; largestRequestCents: number },
): string | undefined {
  if (policy.dualApprovalAboveCents >= policy.largestRequestCents || financeMemberCount >= 3)
    return undefined;
  return `DUAL_APPROVAL_ABOVE_CENTS=${policy.dualApprovalAboveCents} asks for two approvers besides the requester, but the finance set has ${financeMemberCount} member${financeMemberCount === 1 ? '' : 's'}: requests above it can never be approved. Add members (FINANCE_USER_IDS or the user group) or raise DUAL_APPROVAL_ABOVE_CENTS.`;
}
