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
 * A feature's own check just before the compare-and-set (a transfer's writer and daily cap).
 * `release` undoes what the guard reserved when the compare-and-set then loses.
 */
export type ApprovalGuard<R> = (
  request: R,
  isFinal: boolean,
) => Promise<{ ok: true; release?: () => Promise<void> } | { ok: false; message: string }>;

export type GuardedOutcome<R extends ApprovableRequest> =
  | ApprovalOutcome<R>
  | { kind: 'blocked'; message: string; request: R };

/**
 * Approves with a compare-and-set; a lost race (another click, another replica) re-reads and
 * explains what happened instead of approving twice.
 */
export async function approveRequest<R extends ApprovableRequest>(
  store: ApprovalStore<R>,
  input: { id: string; approverId: string; teamId?: string; isFinance: boolean; now: Date },
  guard?: ApprovalGuard<R>,
): Promise<GuardedOutcome<R>> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const request = await store.load(input.id);
    // A request from another Slack workspace is treated as not existing.
    const foreign =
      request && input.teamId && request.requestedBy.teamId && request.requestedBy.teamId !== input.teamId;
    const refusal = foreign ? 'not_found' : approvalRefusal(request, input.approverId, input.isFinance);
    if (refusal || !request)
      return { kind: 'refused', reason: refusal ?? 'not_found', request: foreign ? undefined : request };
    const becomesApproved = request.approvals.length + 1 >= request.requiredApprovals;
    const guarded = guard ? await guard(request, becomesApproved) : { ok: true as const };
    if (!guarded.ok) return { kind: 'blocked', message: guarded.message, request };
    const updated = await store.recordApproval(
      request.id,
      { userId: input.approverId, at: input.now },
      request.approvals.length,
      becomesApproved,
    );
    if (updated) return { kind: becomesApproved ? 'approved' : 'waiting', request: updated };
    await guarded.release?.();
  }
  const latest = await store.load(input.id);
  return { kind: 'refused', reason: 'already_decided', request: latest };
}
