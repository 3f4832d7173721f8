import type { Types } from 'mongoose';
import type { PayoutRunHeader } from '../../domain/batch/types';
import type { WaitingKind, WaitingRequest, WaitingRequestsSource } from '../../domain/requests/waiting';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { objectIdOrUndefined, toPlain } from './approvable-requests';

/** A run without its (up to 10,000) lines. */
const HEADER = { lines: 0, skipped: 0 } as const;

type Approvable = {
  id: string;
  ref: string;
  amountCents: number;
  requestedBy: { userId: string };
  requestedAt: Date;
  requiredApprovals: number;
  approvals: { userId: string }[];
  eligibleApprovers?: string[] | null;
  slackMessage: WaitingRequest['slackMessage'];
};

/** What a top-up, a transfer and a payout run waiting for approval show alike. */
function approvableFields(request: Approvable) {
  return {
    id: request.id,
    ref: request.ref,
    amountCents: request.amountCents,
    requestedBy: request.requestedBy.userId,
    requestedAt: request.requestedAt,
    requiredApprovals: request.requiredApprovals,
    approvedBy: request.approvals.map((a) => a.userId),
    ...(request.eligibleApprovers ? { eligibleApprovers: request.eligibleApprovers } : {}),
    slackMessage: request.slackMessage,
  };
}

function fromTopup(topup: Topup): WaitingRequest {
  return {
    kind: 'topup',
    ...approvableFields(topup),
    payee: null,
    note: topup.description,
    // The reconciler expires a top-up or transfer REQUEST_EXPIRY_DAYS after its last change.
    expiryFrom: topup.updatedAt,
  };
}

function fromTransfer(transfer: Transfer): WaitingRequest {
  return {
    kind: 'transfer',
    ...approvableFields(transfer),
    payee: transfer.writerSlackUserId,
    payeeName: transfer.writerName ?? null,
    attempt: transfer.attempt,
    note: transfer.memo,
    expiryFrom: transfer.updatedAt,
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
    requestKey: request.idempotencyKey,
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
    ...approvableFields(run),
    payee: null,
    lineCount: run.lineCount,
    note: run.defaultMemo,
    // The payout-run watch expires a run REQUEST_EXPIRY_DAYS after it was requested.
    expiryFrom: run.requestedAt,
  };
}

const plain = <T extends { id: string }>(docs: unknown[]) =>
  docs.map((doc) => toPlain<T>(doc as Parameters<typeof toPlain<T>>[0]) as T);

type Filter = Record<string, unknown>;
type KindQuery = { kind: WaitingKind; find(filter: Filter, limit: number): Promise<WaitingRequest[]> };

/** A reversal waits while its transfer is paid and nobody approved it yet. */
const REVERSAL_WAITING = {
  status: 'paid' as const,
  reversalRequest: { $ne: null },
  'reversalRequest.approvedAt': null,
};

/**
 * What `viewer` may approve, as `pendingApprovers` decides it (src/domain/requests/waiting.ts):
 * not their own request, not one paying them, not one they approved, and among those eligible
 * when the request was made, if that was recorded.
 */
function approvableBy(viewer: string): Filter {
  return {
    'requestedBy.userId': { $ne: viewer },
    'approvals.userId': { $ne: viewer },
    $or: [{ eligibleApprovers: null }, { eligibleApprovers: viewer }],
  };
}

/** Read-only queries across the request collections, for App Home and the reminders. */
export function waitingRequestsRepository(models: Models): WaitingRequestsSource {
  // Lines of payout runs are decided with their run, never one by one.
  const kinds: KindQuery[] = [
    {
      kind: 'topup',
      find: async (filter, limit) =>
        plain<Topup>(await models.topups.find(filter).sort({ _id: 1 }).limit(limit).lean()).map(fromTopup),
    },
    {
      kind: 'transfer',
      find: async (filter, limit) =>
        plain<Transfer>(
          await models.transfers
            .find({ ...filter, batchId: null })
            .sort({ _id: 1 })
            .limit(limit)
            .lean(),
        ).map(fromTransfer),
    },
    {
      kind: 'payout_run',
      find: async (filter, limit) =>
        plain<PayoutRunHeader>(
          await models.payoutRuns.find(filter, HEADER).sort({ _id: 1 }).limit(limit).lean(),
        ).map(fromRun),
    },
  ];
  const reversals = async (filter: Filter, limit: number) =>
    plain<Transfer>(
      await models.transfers
        .find({ ...filter, ...REVERSAL_WAITING })
        .sort({ _id: 1 })
        .limit(limit)
        .lean(),
    ).flatMap((transfer) => fromReversal(transfer) ?? []);

  /** Every page of one query, by id: nothing is left out however many there are. */
  async function* pagesOf(
    find: (filter: Filter, limit: number) => Promise<WaitingRequest[]>,
    filter: Filter,
    size: number,
  ): AsyncGenerator<WaitingRequest[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const page = await find(after ? { ...filter, _id: { $gt: after } } : filter, size);
      if (page.length > 0) yield page;
      if (page.length < size) return;
      after = objectIdOrUndefined(page.at(-1)?.id);
      if (!after) return;
    }
  }

  return {
    async *pages(size) {
      for (const kind of kinds) yield* pagesOf(kind.find, { status: 'requested' }, size);
      yield* pagesOf(reversals, {}, size);
    },
    async *expiredPages(since, size) {
      for (const kind of kinds)
        yield* pagesOf(kind.find, { status: 'expired', updatedAt: { $gte: since } }, size);
    },
    async current(request) {
      const _id = objectIdOrUndefined(request.id);
      if (!_id) return undefined;
      if (request.kind === 'reversal') {
        const [found] = await reversals({ _id }, 1);
        // Another reversal of the same transfer is another decision.
        return found && found.requestKey === request.requestKey ? found : undefined;
      }
      const query = kinds.find((kind) => kind.kind === request.kind);
      return (await query?.find({ _id, status: 'requested' }, 1))?.[0];
    },
    async waitingFor(viewer, limit) {
      const mine = approvableBy(viewer);
      const notPayee = { writerSlackUserId: { $ne: viewer } };
      const reversalFilter = {
        ...REVERSAL_WAITING,
        ...notPayee,
        'reversalRequest.requestedBy': { $ne: viewer },
      };
      const [topups, transfers, runs, reversed, counts] = await Promise.all([
        kinds[0]?.find({ status: 'requested', ...mine }, limit) ?? [],
        kinds[1]?.find({ status: 'requested', ...mine, ...notPayee }, limit) ?? [],
        kinds[2]?.find({ status: 'requested', ...mine }, limit) ?? [],
        reversals({ ...notPayee, 'reversalRequest.requestedBy': { $ne: viewer } }, limit),
        Promise.all([
          models.topups.countDocuments({ status: 'requested', ...mine }),
          models.transfers.countDocuments({ status: 'requested', batchId: null, ...mine, ...notPayee }),
          models.payoutRuns.countDocuments({ status: 'requested', ...mine }),
          models.transfers.countDocuments(reversalFilter),
        ]),
      ]);
      const items = [...topups, ...transfers, ...runs, ...reversed].sort(
        (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime(),
      );
      return { items, total: counts.reduce((sum, count) => sum + count, 0) };
    },
  };
}
