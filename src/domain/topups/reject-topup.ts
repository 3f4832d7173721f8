import { NotFinanceError, PaydeskError } from '../errors';
import type { SlackUserRef } from '../requests/types';
import type { TopupDeps } from './deps';
import type { Topup } from './types';

export const REJECTION_REASON_MAX = 500;

export type RejectOutcome = { kind: 'rejected'; request: Topup } | { kind: 'too_late'; request: Topup | undefined };

/** requested → rejected with a reason. Finance only; the requester may withdraw their own. */
export async function rejectTopup(
  deps: TopupDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; reason: string },
): Promise<RejectOutcome> {
  if (!input.isFinance) throw new NotFinanceError();
  const reason = input.reason.trim();
  if (reason === '') throw new PaydeskError('reason_missing', 'Say why you are rejecting it; the requester will see the reason.');
  if (reason.length > REJECTION_REASON_MAX) {
    throw new PaydeskError('reason_too_long', `Keep the reason under ${REJECTION_REASON_MAX} characters.`);
  }
  const rejected = await deps.topups.reject(input.id, { userId: input.user.userId, at: deps.clock(), reason });
  if (!rejected) return { kind: 'too_late', request: await deps.topups.load(input.id) };
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: 'topup.rejected',
    subject: { type: 'topup', id: rejected.ref },
    details: { requestId: rejected.id, amountCents: rejected.amountCents, reason },
  });
  await deps.notifier.refresh(rejected);
  return { kind: 'rejected', request: rejected };
}
