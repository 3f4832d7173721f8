import { formatCents } from '../money';
import { type ApprovalGuard, approveRequest, type GuardedOutcome } from '../requests/approve-request';
import { type RejectOutcome, rejectRequest } from '../requests/reject-request';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from '../transfers/daily-cap';
import type { BatchDeps } from './deps';
import { driveRun } from './execute-run';
import type { PayoutRun, PayoutRunHeader } from './types';

function header(run: PayoutRun): PayoutRunHeader {
  const { lines: _lines, skipped: _skipped, ...rest } = run;
  return rest;
}

/**
 * The daily cap and a run: the final approval reserves the run's whole total against today's
 * DAILY_TRANSFER_CAP_CENTS with the same single conditional increment single transfers use, so
 * a run and concurrent transfers together can never pass the cap. Each line's transfer carries
 * the approval time as its decision time; a line that fails gives its amount back (the transfer
 * submission path does that), and a line re-attempted after a balance pause is reserved again,
 * on the day of the Resume (see resume-run.ts).
 */
function runGuard(deps: BatchDeps, day: string): ApprovalGuard<PayoutRun> {
  return async (run, isFinal) => {
    if (!isFinal) return { ok: true };
    if (!(await deps.dailyTotals.reserve(day, run.amountCents, deps.policy.dailyTransferCapCents))) {
      const used = await deps.dailyTotals.used(day);
      return {
        ok: false,
        message: `Can't approve ${run.ref} today: ${formatCents(used)} of the ${formatCents(deps.policy.dailyTransferCapCents)} daily transfer cap is already approved, and the run's ${formatCents(run.amountCents)} would pass it. Nothing was changed; approve it tomorrow or raise the cap.`,
      };
    }
    return { ok: true, release: () => deps.dailyTotals.release(day, run.amountCents) };
  };
}

/** Four eyes (two approvers above the dual threshold, on the total); the final one starts it. */
export async function approvePayoutRun(
  deps: BatchDeps,
  input: { id: string; approver: SlackUserRef; isFinance: boolean },
): Promise<GuardedOutcome<PayoutRunHeader>> {
  const now = deps.clock();
  const outcome = await approveRequest(
    deps.runs,
    {
      id: input.id,
      approverId: input.approver.userId,
      teamId: input.approver.teamId,
      isFinance: input.isFinance,
      now,
    },
    runGuard(deps, capDayOf(now)),
  );
  if (outcome.kind === 'refused') return { ...outcome, request: outcome.request && header(outcome.request) };
  if (outcome.kind === 'blocked') return { ...outcome, request: header(outcome.request) };
  const run = header(outcome.request);
  await deps.audit.append({
    actor: { kind: 'slack', ...input.approver },
    action: outcome.kind === 'approved' ? 'batch.approved' : 'batch.approval_recorded',
    subject: { type: 'payout_run', id: run.ref },
    details: {
      runId: run.id,
      amountCents: run.amountCents,
      lines: run.lineCount,
      approvals: run.approvals.length,
      requiredApprovals: run.requiredApprovals,
    },
  });
  deps.notifier.refresh(run);
  await deps.notifier.flush(run);
  if (outcome.kind === 'approved') deps.control.spawn(`payout run ${run.ref}`, () => driveRun(deps, run.id));
  return { kind: outcome.kind, request: run };
}

/** requested → rejected with a reason (compare-and-set); the requester may withdraw their own. */
export function rejectPayoutRun(
  deps: BatchDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; reason: string },
): Promise<RejectOutcome<PayoutRunHeader>> {
  return rejectRequest<PayoutRunHeader>(
    {
      store: {
        load: (id) => deps.runs.loadHeader(id),
        reject: async (id, rejection) => {
          const rejected = await deps.runs.transition(
            id,
            'requested',
            'rejected',
            { rejection, decidedAt: rejection.at },
            rejection.at,
          );
          return rejected && header(rejected);
        },
      },
      audit: deps.audit,
      refresh: async (run) => {
        deps.notifier.refresh(run);
        await deps.notifier.flush(run);
      },
      clock: deps.clock,
      subject: { type: 'payout_run', action: 'batch' },
      details: (run) => ({ runId: run.id, lines: run.lineCount }),
    },
    input,
  );
}
