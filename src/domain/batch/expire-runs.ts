import { subDays } from 'date-fns';
import type { BatchDeps } from './deps';

const ACTOR = { kind: 'system', process: 'payout-run-watch' } as const;
/** Runs expired per pass; the next pass (one lease period later) takes the rest. */
const EXPIRE_BATCH = 100;

/**
 * requested → expired for every payout run nobody decided on (no approval, or one of two) within
 * REQUEST_EXPIRY_DAYS of its request, as top-ups and transfers do in the reconciler. Each change
 * is a compare-and-set, so of the replicas running this at the same moment one expires a run and
 * the others skip it, and an approval or rejection that lands first wins. The run's message is
 * updated in place (it says it expired and loses its buttons) and the change is audited.
 * Resolves the refs it expired.
 */
export async function expireStaleRuns(deps: BatchDeps): Promise<string[]> {
  const now = deps.clock();
  const cutoff = subDays(now, deps.policy.requestExpiryDays);
  const expired: string[] = [];
  for (const stale of await deps.runs.listRequestedBefore(cutoff, EXPIRE_BATCH)) {
    const run = await deps.runs.expire(stale.id, cutoff, now);
    if (!run) continue;
    await deps.audit.append({
      actor: ACTOR,
      action: 'batch.expired',
      subject: { type: 'payout_run', id: run.ref },
      details: {
        runId: run.id,
        amountCents: run.amountCents,
        lines: run.lineCount,
        approvals: run.approvals.length,
        requiredApprovals: run.requiredApprovals,
        requestedAt: run.requestedAt.toISOString(),
        expiryDays: deps.policy.requestExpiryDays,
      },
    });
    deps.notifier.refresh(run);
    await deps.notifier.flush(run);
    expired.push(run.ref);
  }
  if (expired.length > 0) deps.logger.info({ expired }, 'expired payout runs nobody decided on');
  return expired;
}
