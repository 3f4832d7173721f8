import type { AuditFact } from '../audit/types';
import { NotFinanceError, PaydeskError } from '../errors';
import type { ApprovableRequest, Rejection, SlackUserRef } from './types';

export const REJECTION_REASON_MAX = 500;

export type RejectOutcome<R> =
  | { kind: 'rejected'; request: R }
  | { kind: 'too_late'; request: R | undefined };

/**
 * requested → rejected with a reason, compare-and-set. Finance only; the requester may withdraw
 * their own request (four eyes guards approving, not declining).
 */
export async function rejectRequest<R extends ApprovableRequest>(
  deps: {
    store: {
      reject(id: string, rejection: Rejection): Promise<R | undefined>;
      load(id: string): Promise<R | undefined>;
    };
    audit: { append(fact: AuditFact): Promise<unknown> };
    refresh(request: R): Promise<void>;
    clock: () => Date;
    /** How the audit trail names it: subject type and action prefix (`topup.rejected`). */
    subject: { type: string; action: string };
    details?: (request: R) => Record<string, unknown>;
  },
  input: { id: string; user: SlackUserRef; isFinance: boolean; reason: string },
): Promise<RejectOutcome<R>> {
  if (!input.isFinance) throw new NotFinanceError();
  const reason = input.reason.trim();
  if (reason === '')
    throw new PaydeskError(
      'reason_missing',
      'Say why you are rejecting it; the requester will see the reason.',
    );
  if (reason.length > REJECTION_REASON_MAX) {
    throw new PaydeskError('reason_too_long', `Keep the reason under ${REJECTION_REASON_MAX} characters.`);
  }
  const current = await deps.store.load(input.id);
  // A request from another Slack workspace is treated as not existing.
  const foreign =
    current?.requestedBy.teamId && input.user.teamId && current.requestedBy.teamId !== input.user.teamId;
  if (!current || foreign) return { kind: 'too_late', request: undefined };
  const rejected = await deps.store.reject(input.id, { userId: input.user.userId, at: deps.clock(), reason });
  if (!rejected) return { kind: 'too_late', request: await deps.store.load(input.id) };
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: `${deps.subject.action}.rejected`,
    subject: { type: deps.subject.type, id: rejected.ref },
    details: {
      requestId: rejected.id,
      amountCents: rejected.amountCents,
      ...deps.details?.(rejected),
      reason,
    },
  });
  await deps.refresh(rejected);
  return { kind: 'rejected', request: rejected };
}
