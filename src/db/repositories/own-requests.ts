import type { PayoutRunHeader } from '../../domain/batch/types';
import type { OwnRequest, OwnRequestsSource } from '../../domain/home/ports';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { toPlain } from './approvable-requests';

const HEADER = { lines: 0, skipped: 0 } as const;

const plain = <T extends { id: string }>(docs: unknown[]) =>
  docs.map((doc) => toPlain<T>(doc as Parameters<typeof toPlain<T>>[0]) as T);

function common(request: Topup | Transfer | PayoutRunHeader) {
  return {
    id: request.id,
    ref: request.ref,
    amountCents: request.amountCents,
    status: request.status,
    requestedAt: request.requestedAt,
    approvals: request.approvals.length,
    requiredApprovals: request.requiredApprovals,
  };
}

/** A person's own requests across top-ups, transfers and payout runs, for their Home. */
export function ownRequestsRepository(models: Models): OwnRequestsSource {
  return {
    async requestedBy(userId, limit) {
      const mine = { 'requestedBy.userId': userId };
      const newest = { requestedAt: -1 } as const;
      const [topups, transfers, runs] = await Promise.all([
        models.topups.find(mine).sort(newest).limit(limit).lean(),
        // A payout run's lines are shown as the run.
        models.transfers
          .find({ ...mine, batchId: null })
          .sort(newest)
          .limit(limit)
          .lean(),
        models.payoutRuns.find(mine, HEADER).sort(newest).limit(limit).lean(),
      ]);
      const all: OwnRequest[] = [
        ...plain<Topup>(topups).map((t) => ({
          ...common(t),
          kind: 'topup' as const,
          payee: null,
          reversedCents: 0,
        })),
        ...plain<Transfer>(transfers).map((t) => ({
          ...common(t),
          kind: 'transfer' as const,
          payee: t.writerSlackUserId,
          reversedCents: t.amountReversedCents ?? 0,
        })),
        ...plain<PayoutRunHeader>(runs).map((r) => ({
          ...common(r),
          kind: 'payout_run' as const,
          payee: null,
          lineCount: r.lineCount,
          reversedCents: 0,
        })),
      ];
      return all.sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime()).slice(0, limit);
    },
  };
}
