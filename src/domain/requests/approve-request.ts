import { approvalRefusal } from './approval-policy';
import type { ApprovableRequest, Approval, ApprovalOutcome } from './types';

export type ApprovalStore<R extends ApprovableRequest> = {
  load(id: string): Promise<R | undefined>;
  /**
   * Compare-and-set: adds the approval only if the request is still `requested` with exactly
   * `expectedApprovals` approvals, none by this approver, and was not requested by them.
   */
  recordApproval(
    id: string,
    approval: Approval,
    expectedApprovals: number,
    becomesApproved: boolean,
  ): Promise<R | undefined>;
};

/**
 * Approves with a compare-and-set; a lost race (another click, another replica) re-reads and
 * explains what happened instead of approving twice.
 */
export async function approveRequest<R extends ApprovableRequest>(
  store: ApprovalStore<R>,
  input: { id: string; approverId: string; isFinance: boolean; now: Date },
): Promise<ApprovalOutcome<R>> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const request = await store.load(input.id);
    const refusal = approvalRefusal(request, input.approverId, input.isFinance);
    if (refusal || !request) return { kind: 'refused', reason: refusal ?? 'not_found', request };
    const becomesApproved = request.approvals.length + 1 >= request.requiredApprovals;
    const updated = await store.recordApproval(
      request.id,
      { userId: input.approverId, at: input.now },
      request.approvals.length,
      becomesApproved,
    );
    if (updated) return { kind: becomesApproved ? 'approved' : 'waiting', request: updated };
  }
  const latest = await store.load(input.id);
  return { kind: 'refused', reason: 'already_decided', request: latest };
}
