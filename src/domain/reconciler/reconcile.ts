import { subDays, subSeconds } from 'date-fns';
import { auditMissingApprovals } from '../requests/approval-audit';
import type { ApprovableRequest } from '../requests/types';
import { applyTopupState, targetForStripeStatus } from '../topups/apply-topup-event';
import { TOPUP_APPROVALS, topupApprovalDetails } from '../topups/approve-topup';
import type { TopupDeps } from '../topups/deps';
import { driveSubmission, submitTopup } from '../topups/submit-topup';
import { sendTopupNews } from '../topups/topup-news';
import { announceReversals } from '../transfers/announce-reversal';
import { TRANSFER_APPROVALS, transferApprovalDetails } from '../transfers/approve-transfer';
import type { TransferDeps } from '../transfers/deps';
import { driveReversal } from '../transfers/reverse-transfer';
import { driveTransferSubmission, submitTransfer, tellWriterPaid } from '../transfers/submit-transfer';

const ACTOR = { kind: 'system', process: 'reconciler' } as const;
/** An approval whose submission has not started after this long was interrupted. */
const APPROVED_GRACE_SECONDS = 30;
/** News normally goes out within a second; after this long it was lost. */
const NEWS_GRACE_SECONDS = 60;

export type ReconcileReport = {
  resubmitted: string[];
  startedSubmissions: string[];
  settledFromStripe: string[];
  expired: string[];
  resentNews: string[];
  reversals: string[];
  /** Approvals whose audit entry was lost at the click, written now from the stored approval. */
  approvalsAudited: string[];
};

export type ReconcileDeps = {
  topups: TopupDeps;
  transfers: TransferDeps;
  /** Other kinds' lost approval entries (payout runs): each writes them and answers their refs. */
  auditLostApprovalsOf?: ((olderThan: Date) => Promise<string[]>)[];
  /** Checks that report rather than repair (the tax pass): after the repairs; a failure is logged, not fatal. */
  checks?: ((now: Date) => Promise<unknown>)[];
};

/**
 * One pass of repairs, safe to run at any time and on any replica (the lease only avoids wasted
 * work): every step is a compare-and-set or a Stripe call with the stored idempotency key.
 */
export async function reconcileOnce(
  deps: ReconcileDeps,
  now = deps.topups.clock(),
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    resubmitted: [],
    startedSubmissions: [],
    settledFromStripe: [],
    expired: [],
    resentNews: [],
    reversals: [],
    approvalsAudited: [],
  };
  await repairSubmittingTopups(deps.topups, now, report);
  await repairSubmittingTransfers(deps.transfers, now, report);
  await startInterruptedApprovals(deps, now, report);
  await pollOverdueTopups(deps.topups, now, report);
  await expireUndecided(deps, now, report);
  await resendMissedNews(deps, now, report);
  await finishApprovedReversals(deps.transfers, now, report);
  await auditLostApprovals(deps, now, report);
  for (const check of deps.checks ?? []) {
    await check(now).catch((error) =>
      deps.topups.logger.error({ err: error }, 'reconciler check failed; next pass'),
    );
  }
  const repaired = Object.values(report).reduce((sum, list) => sum + list.length, 0);
  if (repaired > 0) {
    deps.topups.logger.info({ report }, 'reconciler repaired requests');
    await deps.topups.audit.append({
      actor: ACTOR,
      action: 'reconciler.repaired',
      subject: { type: 'reconciler', id: 'pass' },
      details: { ...report },
    });
  }
  return report;
}

/**
 * Requests left in `submitting` (no answer from Stripe, or a crash between the call and the save),
 * re-driven with their stored key once a live submission would have given up, so the reconciler
 * never races one. Past Stripe's key window the drive looks the object up first (key-window.ts).
 */
async function repairSubmittingTopups(deps: TopupDeps, now: Date, report: ReconcileReport): Promise<void> {
  const olderThan = new Date(now.getTime() - deps.submissionTimeoutMs);
  for (const topup of await deps.topups.listByStatus(['submitting'], { olderThan })) {
    const after = await driveSubmission(deps, topup);
    if (after && after.status !== 'submitting') report.resubmitted.push(topup.ref);
  }
}

async function repairSubmittingTransfers(
  deps: TransferDeps,
  now: Date,
  report: ReconcileReport,
): Promise<void> {
  const olderThan = new Date(now.getTime() - deps.submissionTimeoutMs);
  // Payout-run lines are re-driven by their run, paced under Stripe's rate limit.
  for (const transfer of await deps.transfers.standaloneByStatus(['submitting'], { olderThan })) {
    const after = await driveTransferSubmission(deps, transfer);
    if (after && after.status !== 'submitting') report.resubmitted.push(transfer.ref);
  }
}

async function startInterruptedApprovals(
  deps: ReconcileDeps,
  now: Date,
  report: ReconcileReport,
): Promise<void> {
  const olderThan = subSeconds(now, APPROVED_GRACE_SECONDS);
  for (const topup of await deps.topups.topups.listByStatus(['approved'], { olderThan })) {
    await submitTopup(deps.topups, topup.id);
    report.startedSubmissions.push(topup.ref);
  }
  // Payout-run lines are driven by their run, which paces them.
  for (const transfer of await deps.transfers.transfers.standaloneByStatus(['approved'], { olderThan })) {
    await submitTransfer(deps.transfers, transfer.id);
    report.startedSubmissions.push(transfer.ref);
  }
}

/** Top-ups past their expected date with no webhook: ask Stripe (covers missed events). */
async function pollOverdueTopups(deps: TopupDeps, now: Date, report: ReconcileReport): Promise<void> {
  for (const topup of await deps.topups.overduePending(now)) {
    if (!topup.stripeTopupId) continue;
    const stripeTopup = await deps.stripe.retrieveTopup(topup.stripeTopupId);
    const target = targetForStripeStatus(stripeTopup.status);
    if (!target || target === 'pending') continue;
    if (await applyTopupState(deps, topup, stripeTopup, target, ACTOR))
      report.settledFromStripe.push(topup.ref);
  }
}

type ExpirableDeps<R extends ApprovableRequest> = {
  store: {
    listByStatus(statuses: string[], options: { olderThan: Date }): Promise<R[]>;
    transition(id: string, from: string, to: string, set: Record<string, unknown>): Promise<R | undefined>;
  };
  audit: ReconcileDeps['topups']['audit'];
  refresh(request: R): Promise<void>;
  subject: 'topup' | 'transfer';
};

/** requested → expired for what nobody decided on in time (compare-and-set), audited, message updated. */
async function expire<R extends ApprovableRequest>(
  deps: ExpirableDeps<R>,
  cutoff: Date,
  now: Date,
  report: ReconcileReport,
) {
  for (const request of await deps.store.listByStatus(['requested'], { olderThan: cutoff })) {
    const expired = await deps.store.transition(request.id, 'requested', 'expired', { decidedAt: now });
    if (!expired) continue;
    await deps.audit.append({
      actor: ACTOR,
      action: `${deps.subject}.expired`,
      subject: { type: deps.subject, id: expired.ref },
      details: { requestId: expired.id, amountCents: expired.amountCents },
    });
    await deps.refresh(expired);
    report.expired.push(expired.ref);
  }
}

async function expireUndecided(deps: ReconcileDeps, now: Date, report: ReconcileReport): Promise<void> {
  const cutoff = subDays(now, deps.topups.policy.requestExpiryDays);
  const { topups, transfers } = deps;
  await expire(
    {
      store: topups.topups,
      audit: topups.audit,
      refresh: (t) => topups.notifier.refresh(t),
      subject: 'topup',
    },
    cutoff,
    now,
    report,
  );
  await expire(
    {
      store: transfers.transfers,
      audit: transfers.audit,
      refresh: (t) => transfers.notifier.refresh(t),
      subject: 'transfer',
    },
    cutoff,
    now,
    report,
  );
}

/** Alerts and DMs never queued to the Slack outbox, or queued but not recorded (a crash mid-webhook, say). */
async function resendMissedNews(deps: ReconcileDeps, now: Date, report: ReconcileReport): Promise<void> {
  const olderThan = subSeconds(now, NEWS_GRACE_SECONDS);
  for (const topup of await deps.topups.topups.alertsDue(olderThan)) {
    await sendTopupNews(deps.topups, topup);
    report.resentNews.push(topup.ref);
  }
  for (const transfer of await deps.transfers.transfers.paidWithoutNotice(olderThan)) {
    await tellWriterPaid(deps.transfers, transfer);
    report.resentNews.push(transfer.ref);
  }
  for (const transfer of await deps.transfers.transfers.unannouncedReversals(olderThan)) {
    await announceReversals(deps.transfers, transfer);
    await deps.transfers.notifier.refresh(transfer);
    report.resentNews.push(transfer.ref);
  }
}

/** Reversals approved in Slack whose Stripe call never got an answer: ask again, same key. */
async function finishApprovedReversals(
  deps: TransferDeps,
  now: Date,
  report: ReconcileReport,
): Promise<void> {
  for (const transfer of await deps.transfers.reversalsApprovedBefore(subSeconds(now, NEWS_GRACE_SECONDS))) {
    const approver = transfer.reversalRequest?.approvedBy;
    if (!approver) continue;
    try {
      await driveReversal(deps, transfer, ACTOR, approver);
      report.reversals.push(transfer.ref);
    } catch (error) {
      deps.logger.warn({ err: error, ref: transfer.ref }, 'reversal still not settled with Stripe');
    }
  }
}

/** Approvals stored at a click whose audit entry was never written (the database failed in between). */
async function auditLostApprovals(deps: ReconcileDeps, now: Date, report: ReconcileReport): Promise<void> {
  const olderThan = subSeconds(now, NEWS_GRACE_SECONDS);
  const { audit, logger } = deps.topups;
  const kinds = [
    (since: Date) =>
      auditMissingApprovals(
        { audit, logger, store: deps.topups.topups },
        TOPUP_APPROVALS,
        topupApprovalDetails,
        since,
      ),
    (since: Date) =>
      auditMissingApprovals(
        { audit, logger, store: deps.transfers.transfers },
        TRANSFER_APPROVALS,
        transferApprovalDetails,
        since,
      ),
    ...(deps.auditLostApprovalsOf ?? []),
  ];
  for (const auditLost of kinds) report.approvalsAudited.push(...(await auditLost(olderThan)));
}
