import type { Types } from 'mongoose';
import type { StuckMoneySource, StuckRequest } from '../../domain/alarms/ports';
import { refWithAttempt } from '../../domain/status-words';
import type { Models } from '../models';
import { objectIdOrUndefined } from './approvable-requests';

const HELD = ['submitting', 'approved'] as const;

type HeldDoc = {
  _id: unknown;
  ref: string;
  attempt?: number;
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
      const fields = {
        ref: 1,
        attempt: 1,
        status: 1,
        amountCents: 1,
        updatedAt: 1,
        writerSlackUserId: 1,
        batchId: 1,
      };
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
    async statusesOf(keys) {
      const ids = { topup: [] as Types.ObjectId[], transfer: [] as Types.ObjectId[] };
      const refs: string[] = [];
      for (const key of keys) {
        const [kind, id] = key.split(':');
        const objectId = objectIdOrUndefined(id);
        if ((kind === 'topup' || kind === 'transfer') && objectId) ids[kind].push(objectId);
        else refs.push(key); // remembered by ref before requests were remembered by id
      }
      const fields = { ref: 1, attempt: 1, status: 1 };
      const [topups, transfers] = await Promise.all([
        models.topups.find({ $or: [{ _id: { $in: ids.topup } }, { ref: { $in: refs } }] }, fields).lean(),
        models.transfers
          .find({ $or: [{ _id: { $in: ids.transfer } }, { ref: { $in: refs } }] }, fields)
          .lean(),
      ]);
      const named = new Map<string, { ref: string; status: string }>();
      const add = (
        kind: 'topup' | 'transfer',
        doc: { _id: unknown; ref: string; attempt?: number; status: string },
      ) => {
        const entry = { ref: refWithAttempt(doc), status: doc.status };
        named.set(`${kind}:${String(doc._id)}`, entry);
        if (refs.includes(doc.ref)) named.set(doc.ref, entry);
      };
      for (const doc of topups) add('topup', doc);
      for (const doc of transfers) add('transfer', doc as typeof doc & { attempt?: number });
      return named;
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
    id: String(doc._id),
    ref: refWithAttempt(doc),
    status: doc.status as StuckRequest['status'],
    amountCents: doc.amountCents,
    payeeSlackUserId: kind === 'transfer' ? (doc.writerSlackUserId ?? null) : null,
    payoutRunLine: Boolean(doc.batchId),
    since: doc.updatedAt,
  };
}
