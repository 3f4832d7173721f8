import type { StuckMoneySource, StuckRequest } from '../../domain/alarms/ports';
import type { Models } from '../models';

const HELD = ['submitting', 'approved'] as const;

type HeldDoc = {
  ref: string;
  status: string;
  amountCents: number;
  updatedAt: Date;
  writerSlackUserId?: string;
  batchId?: string | null;
};

/** A count per status, as `$group` answers it. */
type StatusCount = { _id: string; count: number };

/**
 * What operators look at, read straight from the collections: stuck money for the alarm, and the
 * figures the metrics gauges and /readyz show. Reads only, on indexes the app already has
 * (status + updatedAt, the inbox's and the outbox's queue indexes).
 */
export function operationsRepository(models: Models) {
  const source: StuckMoneySource = {
    async stuckRequests(olderThan, limit) {
      const filter = { status: { $in: [...HELD] }, updatedAt: { $lt: olderThan } };
      const fields = { ref: 1, status: 1, amountCents: 1, updatedAt: 1, writerSlackUserId: 1, batchId: 1 };
      const [topups, transfers, topupCount, transferCount] = await Promise.all([
        models.topups.find(filter, fields).sort({ updatedAt: 1 }).limit(limit).lean<HeldDoc[]>(),
        models.transfers.find(filter, fields).sort({ updatedAt: 1 }).limit(limit).lean<HeldDoc[]>(),
        models.topups.countDocuments(filter),
        models.transfers.countDocuments(filter),
      ]);
      const items = [
        ...topups.map((doc) => held('topup', doc)),
        ...transfers.map((doc) => held('transfer', doc)),
      ]
        .sort((a, b) => a.since.getTime() - b.since.getTime())
        .slice(0, limit);
      return { items, total: topupCount + transferCount };
    },
    async inboxBacklog() {
      return inboxWaiting({});
    },
    async statusesOf(refs) {
      if (refs.length === 0) return new Map();
      const filter = { ref: { $in: refs } };
      const [topups, transfers] = await Promise.all([
        models.topups.find(filter, { ref: 1, status: 1 }).lean(),
        models.transfers.find(filter, { ref: 1, status: 1 }).lean(),
      ]);
      return new Map([...topups, ...transfers].map((doc) => [doc.ref, doc.status]));
    },
  };

  async function inboxWaiting(extra: Record<string, unknown>) {
    const filter = { processedAt: null, payload: { $exists: true }, ...extra };
    const [count, oldest] = await Promise.all([
      models.stripeEvents.countDocuments(filter),
      models.stripeEvents.findOne(filter, { receivedAt: 1 }).sort({ receivedAt: 1 }).lean(),
    ]);
    return { count, oldestReceivedAt: oldest?.receivedAt ?? null };
  }

  async function byStatus(model: Models['topups'] | Models['transfers'] | Models['payoutRuns']) {
    const rows = await (model as Models['topups']).aggregate<StatusCount>([
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]);
    return rows.map((row) => ({ status: String(row._id), count: row.count }));
  }

  return {
    source,
    /** Requests per kind and status. */
    async requestCounts() {
      const [topup, transfer, payout_run] = await Promise.all([
        byStatus(models.topups),
        byStatus(models.transfers),
        byStatus(models.payoutRuns),
      ]);
      return { topup, transfer, payout_run };
    },
    /** Requests held in submitting or approved since before `olderThan`, per kind and status. */
    async stuckCounts(olderThan: Date) {
      const match = { $match: { status: { $in: HELD }, updatedAt: { $lt: olderThan } } };
      const group = { $group: { _id: '$status', count: { $sum: 1 } } };
      const [topup, transfer] = await Promise.all([
        models.topups.aggregate<StatusCount>([match, group]),
        models.transfers.aggregate<StatusCount>([match, group]),
      ]);
      const counts = (rows: StatusCount[]) => new Map(rows.map((row) => [String(row._id), row.count]));
      return { topup: counts(topup), transfer: counts(transfer) };
    },
    inboxBacklog: source.inboxBacklog,
    /** Events no replica has even tried yet: the inbox is stalled when the oldest of them is old. */
    untriedInboxEvents() {
      return inboxWaiting({ attempts: 0 });
    },
    async outboxBacklog() {
      const filter = { status: { $in: ['pending' as const, 'sending' as const] } };
      const [count, oldest] = await Promise.all([
        models.slackOutbox.countDocuments(filter),
        models.slackOutbox.findOne(filter, { queuedAt: 1 }).sort({ queuedAt: 1 }).lean(),
      ]);
      return { count, oldestQueuedAt: oldest?.queuedAt ?? null };
    },
    async lease(name: string): Promise<{ holder: string; expiresAt: Date } | undefined> {
      const doc = await models.leases.findOne({ name }).lean();
      return doc ? { holder: doc.holder, expiresAt: doc.expiresAt } : undefined;
    },
    async alarmActive(name: string): Promise<boolean> {
      return (await models.alarms.findOne({ name }, { active: 1 }).lean())?.active === true;
    },
  };
}

export type OperationsRepository = ReturnType<typeof operationsRepository>;

function held(kind: 'topup' | 'transfer', doc: HeldDoc): StuckRequest {
  return {
    kind,
    ref: doc.ref,
    status: doc.status as StuckRequest['status'],
    amountCents: doc.amountCents,
    payeeSlackUserId: kind === 'transfer' ? (doc.writerSlackUserId ?? null) : null,
    payoutRunLine: Boolean(doc.batchId),
    since: doc.updatedAt,
  };
}
