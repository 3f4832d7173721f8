import { Types } from 'mongoose';
import type { Clock } from '../../clock';
import type { NewTopup, TopupsStore } from '../../domain/topups/ports';
import type { Topup } from '../../domain/topups/types';
import type { Models } from '../models';
import { approvableRequests, toPlain } from './approvable-requests';
import { countersRepository, formatRef } from './counters';

/** The statuses the channel is alerted about (the same list as `alertDue` in topups/topup-news.ts). */
const ALERTED_STATUSES: Topup['status'][] = ['succeeded', 'failed', 'canceled', 'reversed'];
const ALERTS_PAGE = 200;

export function topupsRepository(models: Models, clock: Clock): TopupsStore {
  const requests = approvableRequests<Topup>(models.topups, clock);
  const counters = countersRepository(models);
  return {
    ...requests,

    /** Stores the request with its idempotency key before anything is sent to Stripe. */
    async create(fields: NewTopup): Promise<Topup> {
      const _id = new Types.ObjectId();
      const ref = formatRef('TU', await counters.next('topup'));
      const doc = await models.topups.create({
        ...fields,
        _id,
        ref,
        idempotencyKey: `topup:${_id.toString()}`,
        updatedAt: fields.requestedAt,
      });
      return toPlain<Topup>(doc.toObject()) as Topup;
    },

    /** Compare-and-set: a submitting request's key replaced by a new one, stored before it is sent. */
    async renewIdempotencyKey(id: string, from: string, to: string, at: Date): Promise<boolean> {
      const result = await models.topups.updateOne(
        { _id: new Types.ObjectId(id), status: 'submitting', idempotencyKey: from },
        { $set: { idempotencyKey: to, keyIssuedAt: at, updatedAt: at } },
      );
      return result.modifiedCount === 1;
    },

    /** Pending top-ups past their expected date, oldest first. */
    async overduePending(now: Date): Promise<Topup[]> {
      const docs = await models.topups
        .find({ status: 'pending', expectedAvailableAt: { $lte: now } })
        .sort({ expectedAvailableAt: 1 })
        .limit(100)
        .lean();
      return docs.map((doc) => toPlain<Topup>(doc) as Topup);
    },

    async findByStripeId(stripeTopupId: string): Promise<Topup | undefined> {
      return toPlain<Topup>(await models.topups.findOne({ stripeTopupId }).lean());
    },

    /** Records Stripe's id on a top-up whose status a webhook already moved past `submitting`. */
    async attachStripeId(id: string, stripeTopupId: string, expectedAvailableAt: Date): Promise<void> {
      await models.topups.updateOne(
        { _id: new Types.ObjectId(id), stripeTopupId: null },
        { $set: { stripeTopupId, expectedAvailableAt } },
      );
    },

    async markAlerted(id: string, status: Topup['status']): Promise<void> {
      await models.topups.updateOne(
        { _id: new Types.ObjectId(id), status },
        { $set: { alertedStatus: status } },
      );
    },

    /**
     * Settled, failed, cancelled or reversed top-ups whose channel alert has not gone out, oldest
     * first. Filtered entirely in the database on {status, alertedStatus, updatedAt}: markAlerted
     * takes each returned row out of the result, so successive calls drain any backlog.
     */
    async alertsDue(olderThan: Date): Promise<Topup[]> {
      // No new field: `$ne` also matches rows stored before alertedStatus existed, so no migration.
      const docs = await models.topups
        .find({
          $or: ALERTED_STATUSES.map((status) => ({
            status,
            alertedStatus: { $ne: status },
            updatedAt: { $lt: olderThan },
          })),
        })
        .sort({ updatedAt: 1 })
        .limit(ALERTS_PAGE)
        .lean();
      return docs.map((doc) => toPlain<Topup>(doc) as Topup);
    },

    async listRecent(limit: number): Promise<Topup[]> {
      const docs = await models.topups.find({}).sort({ requestedAt: -1 }).limit(limit).lean();
      return docs.map((doc) => toPlain<Topup>(doc) as Topup);
    },

    async inFlight(): Promise<Topup[]> {
      return requests.listByStatus(['approved', 'submitting', 'pending']);
    },
  };
}
