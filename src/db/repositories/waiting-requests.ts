import type { PayoutRunHeader } from '../../domain/batch/types';
import type { WaitingRequest, WaitingRequestsSource } from '../../domain/requests/waiting';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { toPlain } from './approvable-requests';

/** Per kind; far more than anyone decides on in a week, and Home shows a summary past a few. */
const LIMIT = 200;
/** A run without its (up to 10,000) lines. */
const HEADER = { lines: 0, skipped: 0 } as const;

const approvers = (request: { approvals: { userId: string }[] }) => request.approvals.map((a) => a.userId);

function fromTopup(topup: Topup): WaitingRequest {
  return {
    kind: 'topup',
    id: topup.id,
    ref: topup.ref,
    amountCents: topup.amountCents,
    requestedBy: topup.requestedBy.userId,
    requestedAt: topup.requestedAt,
    payee: null,
    note: topup.description,
    requiredApprovals: topup.requiredApprovals,
    approvedBy: approvers(topup),
    ...(topup.eligibleApprovers ? { eligibleApprovers: topup.eligibleApprovers } : {}),
    // The reconciler expires a top-up or transfer REQUEST_EXPIRY_DAYS after its last change.
    expiryFrom: topup.updatedAt,
    slackMessage: topup.slackMessage,
  };
}

function fromTransfer(transfer: Transfer): WaitingRequest {
  return {
    kind: 'transfer',
    id: transfer.id,
    ref: transfer.ref,
    amountCents: transfer.amountCents,
    requestedBy: transfer.requestedBy.userId,
    requestedAt: transfer.requestedAt,
    payee: transfer.writerSlackUserId,
    payeeName: transfer.writerName ?? null,
    attempt: transfer.attempt,
    note: transfer.memo,
    requiredApprovals: transfer.requiredApprovals,
    approvedBy: approvers(transfer),
    ...(transfer.eligibleApprovers ? { eligibleApprovers: transfer.eligibleApprovers } : {}),
    expiryFrom: transfer.updatedAt,
    slackMessage: transfer.slackMessage,
  };
}

function fromReversal(transfer: Transfer): WaitingRequest | undefined {
  const request = transfer.reversalRequest;
  if (!request) return undefined;
  return {
    kind: 'reversal',
    id: transfer.id,
    ref: transfer.ref,
    amountCents: request.amountCents,
    paidCents: transfer.amountCents,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    payee: transfer.writerSlackUserId,
    payeeName: transfer.writerName ?? null,
    attempt: transfer.attempt,
    note: request.reason,
    requiredApprovals: 1,
    approvedBy: [],
    // A reversal request waits until someone decides; nothing expires it.
    expiryFrom: null,
    slackMessage: transfer.slackMessage,
  };
}

function fromRun(run: PayoutRunHeader): WaitingRequest {
  return {
    kind: 'payout_run',
    id: run.id,
    ref: run.ref,
    amountCents: run.amountCents,
    requestedBy: run.requestedBy.userId,
    requestedAt: run.requestedAt,
    payee: null,
    lineCount: run.lineCount,
    note: run.defaultMemo,
    requiredApprovals: run.requiredApprovals,
    approvedBy: approvers(run),
    ...(run.eligibleApprovers ? { eligibleApprovers: run.eligibleApprovers } : {}),
    // The payout-run watch expires a run REQUEST_EXPIRY_DAYS after it was requested.
    expiryFrom: run.requestedAt,
    slackMessage: run.slackMessage,
  };
}

const plain = <T extends { id: string }>(docs: unknown[]) =>
  docs.map((doc) => toPlain<T>(doc as Parameters<typeof toPlain<T>>[0]) as T);

/** Read-only queries across the request collections, for App Home and the reminders. */
export function waitingRequestsRepository(models: Models): WaitingRequestsSource {
  async function byStatus(status: string, since?: Date): Promise<WaitingRequest[]> {
    const filter: Record<string, unknown> = { status };
    if (since) filter.updatedAt = { $gte: since };
    const [topups, transfers, runs] = await Promise.all([
      models.topups.find(filter).sort({ requestedAt: 1 }).limit(LIMIT).lean(),
      // Lines of payout runs are decided with their run, never one by one.
      models.transfers
        .find({ ...filter, batchId: null })
        .sort({ requestedAt: 1 })
        .limit(LIMIT)
        .lean(),
      models.payoutRuns.find(filter, HEADER).sort({ requestedAt: 1 }).limit(LIMIT).lean(),
    ]);
    return [
      ...plain<Topup>(topups).map(fromTopup),
      ...plain<Transfer>(transfers).map(fromTransfer),
      ...plain<PayoutRunHeader>(runs).map(fromRun),
    ];
  }

  return {
    async waiting() {
      const [requested, withReversal] = await Promise.all([
        byStatus('requested'),
        models.transfers
          .find({ status: 'paid', 'reversalRequest.approvedAt': null, reversalRequest: { $ne: null } })
          .limit(LIMIT)
          .lean(),
      ]);
      const reversals = plain<Transfer>(withReversal).flatMap((transfer) => fromReversal(transfer) ?? []);
      return [...requested, ...reversals].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
    },
    async expiredSince(since) {
      return byStatus('expired', since);
    },
  };
}
