import type { AuditFact } from '../audit/types';
import { ApprovalSavedError } from '../errors';
import type { ApprovableRequest, Approval } from './types';

/** Where an approval's audit entry goes: `topup.approved`, `batch.approval_recorded`, … */
export type ApprovalAuditNames = { action: 'topup' | 'transfer' | 'batch'; subjectType: string };

/** The storage side: each approval is stored `audited: false` and marked once its entry is written. */
export type ApprovalAuditStore<R extends ApprovableRequest> = {
  markApprovalAudited(id: string, userId: string): Promise<void>;
  /** Requests holding an approval older than `olderThan` whose audit entry was never written. */
  approvalsToAudit(olderThan: Date, limit: number): Promise<R[]>;
};

type Deps<R extends ApprovableRequest> = {
  audit: { append(fact: AuditFact): Promise<unknown> };
  store: Pick<ApprovalAuditStore<R>, 'markApprovalAudited'>;
  logger: { warn(details: object, message: string): void };
};

/** The entry for the n-th approval of a request, the same at the click and when recovered. */
export function approvalFact<R extends ApprovableRequest>(
  names: ApprovalAuditNames,
  request: R,
  approval: Approval,
  details: Record<string, unknown>,
): AuditFact {
  const index = request.approvals.findIndex((candidate) => candidate.userId === approval.userId);
  const count = index + 1;
  return {
    actor: { kind: 'slack', teamId: request.requestedBy.teamId, userId: approval.userId },
    action: `${names.action}.${count >= request.requiredApprovals ? 'approved' : 'approval_recorded'}`,
    subject: { type: names.subjectType, id: request.ref },
    details: { ...details, approvals: count, requiredApprovals: request.requiredApprovals },
  };
}

/**
 * Writes an approval's audit entry right after the approval was stored. If that fails, the
 * approval still stands (and the reconciler writes the entry from it), so the person is told
 * their approval is saved, never "nothing was changed".
 */
export async function auditApproval<R extends ApprovableRequest>(
  deps: Deps<R>,
  fact: AuditFact,
  request: R,
  approverId: string,
): Promise<void> {
  try {
    await deps.audit.append(fact);
  } catch (error) {
    deps.logger.warn({ err: error, ref: request.ref }, 'approval stored, audit entry not yet written');
    throw new ApprovalSavedError(request.ref, request.status !== 'requested');
  }
  try {
    await deps.store.markApprovalAudited(request.id, approverId);
  } catch (error) {
    // The entry is written; at worst the reconciler writes it once more, marked recovered.
    deps.logger.warn({ err: error, ref: request.ref }, 'approval audited but not marked so');
  }
}

/** Reconciler: the entries of approvals whose click-time write was lost, from the stored approvals. */
export async function auditMissingApprovals<R extends ApprovableRequest>(
  deps: Deps<R> & { store: ApprovalAuditStore<R> },
  names: ApprovalAuditNames,
  detailsOf: (request: R) => Record<string, unknown>,
  olderThan: Date,
): Promise<string[]> {
  const recovered: string[] = [];
  for (const request of await deps.store.approvalsToAudit(olderThan, 100)) {
    for (const approval of request.approvals) {
      if (approval.audited !== false || approval.at >= olderThan) continue;
      const fact = approvalFact(names, request, approval, { ...detailsOf(request), recovered: true });
      await deps.audit.append(fact);
      await deps.store.markApprovalAudited(request.id, approval.userId);
      recovered.push(request.ref);
    }
  }
  return recovered;
}
