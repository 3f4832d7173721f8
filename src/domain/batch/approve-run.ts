import { format } from 'date-fns';
import { formatCents } from '../money';
import { afterApproval } from '../requests/after-approval';
import {
  type ApprovalAuditNames,
  approvalFact,
  auditApproval,
  auditMissingApprovals,
} from '../requests/approval-audit';
import { type ApprovalGuard, approveRequest, type GuardedOutcome } from '../requests/approve-request';
import { payeeOfApprover } from '../requests/conflict-of-interest';
import { type RejectOutcome, rejectRequest } from '../requests/reject-request';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from '../transfers/daily-cap';
import type { BatchDeps } from './deps';
import { driveRun } from './execute-run';
import { writerPayability } from './resolve';
import type { PayoutRun, PayoutRunHeader } from './types';

function header(run: PayoutRun): PayoutRunHeader {
  const { lines: _lines, skipped: _skipped, ...rest } = run;
  return rest;
}

/** A line whose writer can no longer be paid as the run was requested. */
export type LineProblem = { line: number; writerSlackUserId: string; detail: string };

/** How many problem lines an approver is told about; the rest are counted. */
export const LINE_PROBLEMS_SHOWN = 10;

/**
 * Every line's writer, looked at again now: still a writer, connected, transfers active (the
 * rule the request used, see `writerPayability`), and still on the Stripe account the line was
 * requested for (`destination`). Lines in CSV order.
 */
export async function lineProblems(deps: BatchDeps, run: PayoutRun): Promise<LineProblem[]> {
  const writers = new Map(
    (await deps.writers.byIds([...new Set(run.lines.map((line) => line.writerId))])).map((writer) => [
      writer.id,
      writer,
    ]),
  );
  const problems: LineProblem[] = [];
  for (const line of run.lines) {
    const writer = writers.get(line.writerId);
    const mention = `<@${line.writerSlackUserId}>`;
    const detail = !writer
      ? `${mention} is no longer a Paydesk writer`
      : (writerPayability(writer)?.detail ??
        (writer.stripeAccountId !== line.destination
          ? `${mention} is on a different Stripe account than when the run was requested`
          : undefined));
    if (detail) problems.push({ line: line.line, writerSlackUserId: line.writerSlackUserId, detail });
  }
  return problems;
}

function lineProblemsMessage(run: PayoutRun, problems: LineProblem[]): string {
  const shown = problems
    .slice(0, LINE_PROBLEMS_SHOWN)
    .map((problem) => `• line ${problem.line}: ${problem.detail.slice(0, 300)}`);
  if (problems.length > LINE_PROBLEMS_SHOWN) {
    shown.push(`…and ${(problems.length - LINE_PROBLEMS_SHOWN).toLocaleString('en-US')} more.`);
  }
  const lines = problems.length === 1 ? '1 line' : `${problems.length.toLocaleString('en-US')} lines`;
  return [
    `Can't approve ${run.ref}: ${lines} can no longer be paid as requested:`,
    ...shown,
    `Nothing was changed and nothing was paid; ${run.ref} is still waiting. Reject it and upload a corrected run with \`/payouts batch\` (without ${problems.length === 1 ? 'that line' : 'those lines'}, or once the writers have reconnected).`,
  ].join('\n');
}

/** What someone clicking Approve on an expired run is told (the buttons are gone; a stale client). */
export function expiredRunMessage(run: PayoutRunHeader, expiryDays: number): string {
  const when = run.decidedAt ? ` on ${format(run.decidedAt, 'EEE, MMM d')}` : '';
  return `${run.ref} expired${when}: nobody decided on it within ${expiryDays} days of its request, so it can no longer be approved or rejected. Nothing was paid. If it is still needed, upload it again with \`/payouts batch\`.`;
}

/**
 * Every approval first looks at each line's writer again (see `lineProblems`): between the
 * request and the click a writer may have disconnected, been restricted by Stripe or moved to
 * another account, and a run must not be approved to pay them. The first approver of a dual
 * approval is told too, so nobody spends an approval on a run that could not be started; the
 * final approval checks again, before anything is reserved.
 *
 * The daily cap and a run: the final approval reserves the run's whole total against today's
 * DAILY_TRANSFER_CAP_CENTS with the same single conditional increment single transfers use, so
 * a run and concurrent transfers together can never pass the cap. Each line's transfer carries
 * the approval time as its decision time; a line that fails gives its amount back (the transfer
 * submission path does that), and a line re-attempted after a balance pause is reserved again,
 * on the day of the Resume (see resume-run.ts).
 */
/** The run's line paying the approver (by Slack user, or by email when Slack shows one), if any. */
async function linePayingApprover(deps: BatchDeps, run: PayoutRun, approverId: string) {
  const byId = run.lines.find((line) => line.writerSlackUserId === approverId);
  if (byId) return byId;
  const writers = await deps.writers.byIds([...new Set(run.lines.map((line) => line.writerId))]);
  const emailOf = new Map(writers.map((writer) => [writer.id, writer.email ?? null]));
  const payees = run.lines.map((line) => ({
    line,
    slackUserId: line.writerSlackUserId,
    email: emailOf.get(line.writerId) ?? null,
  }));
  return (await payeeOfApprover(deps.lineDeps.approvers, approverId, payees))?.line;
}

function runGuard(deps: BatchDeps, day: string, approverId: string): ApprovalGuard<PayoutRun> {
  return async (run, isFinal) => {
    const paysYou = await linePayingApprover(deps, run, approverId);
    if (paysYou) {
      return {
        ok: false,
        message: `You can't approve ${run.ref} because line ${paysYou.line} pays you; someone else in finance has to approve it.`,
      };
    }
    const problems = await lineProblems(deps, run);
    if (problems.length > 0) return { ok: false, message: lineProblemsMessage(run, problems) };
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

export const RUN_APPROVALS: ApprovalAuditNames = { action: 'batch', subjectType: 'payout_run' };

export function runApprovalDetails(run: PayoutRunHeader): Record<string, unknown> {
  return { runId: run.id, amountCents: run.amountCents, lines: run.lineCount };
}

/** For the reconciler: the entries of run approvals whose click-time write was lost. */
export function auditLostRunApprovals(deps: BatchDeps): (olderThan: Date) => Promise<string[]> {
  return (olderThan) =>
    auditMissingApprovals(
      { audit: deps.audit, logger: deps.logger, store: deps.runs },
      RUN_APPROVALS,
      runApprovalDetails,
      olderThan,
    );
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
    runGuard(deps, capDayOf(now), input.approver.userId),
  );
  if (
    outcome.kind === 'refused' &&
    outcome.reason === 'already_decided' &&
    outcome.request?.status === 'expired'
  ) {
    const run = header(outcome.request);
    return { kind: 'blocked', message: expiredRunMessage(run, deps.policy.requestExpiryDays), request: run };
  }
  if (outcome.kind === 'refused') return { ...outcome, request: outcome.request && header(outcome.request) };
  if (outcome.kind === 'blocked') return { ...outcome, request: header(outcome.request) };
  const run = header(outcome.request);
  const approval = run.approvals.find((candidate) => candidate.userId === input.approver.userId);
  if (approval) {
    await auditApproval(
      { ...deps, store: deps.runs },
      approvalFact(RUN_APPROVALS, run, approval, runApprovalDetails(run)),
      run,
      input.approver.userId,
    );
  }
  const final = outcome.kind === 'approved';
  try {
    await afterApproval(run, final, deps.logger, async () => {
      deps.notifier.refresh(run);
      await deps.notifier.flush(run);
    });
  } finally {
    // The run starts whatever happened to its message (the watch would start it anyway).
    if (final) deps.control.spawn(`payout run ${run.ref}`, () => driveRun(deps, run.id));
  }
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
