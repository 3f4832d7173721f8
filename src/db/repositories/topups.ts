import { Types } from 'mongoose';
import type { Clock } from '../../clock';
import type { NewTopup, TopupsStore } from '../../domain/topups/ports';
import type { Topup } from '../../domain/topups/types';
import type { Models } from '../models';
import { approvableRequests, toPlain } from './approvable-requests';
import { countersRepository, formatRef } from './counters';

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

    /** Compare-and-set: the one caller that gets true sends the alert for this status. */
    async claimAlert(id: string, status: Topup['status'], now: Date, holdMs: number): Promise<boolean> {
      const claimed = await models.topups
        .findOneAndUpdate(
          {
            _id: new Types.ObjectId(id),
            status,
            alertedStatus: { $ne: status },
            $or: [{ alertClaimUntil: null }, { alertClaimUntil: { $lt: now } }],
          },
          { $set: { alertClaimUntil: new Date(now.getTime() + holdMs) } },
        )
        .lean();
      return claimed !== null;
    },

    async markAlerted(id: string, status: Topup['status']): Promise<void> {
      await models.topups.updateOne(
        { _id: new Types.ObjectId(id), status },
        { $set: { alertedStatus: status, alertClaimUntil: null } },
      );
    },

    /** Settled, failed, cancelled or reversed top-ups whose channel alert has not gone out. */
    async alertsDue(olderThan: Date): Promise<Topup[]> {
      const docs = await models.topups
        .find({
          status: { $in: ['succeeded', 'failed', 'canceled', 'reversed'] },
          updatedAt: { $lt: olderThan },
        })
        .sort({ updatedAt: 1 })
        .limit(200)
        .lean();
      return docs
        .map((doc) => toPlain<Topup>(doc) as Topup)
        .filter((topup) => topup.alertedStatus !== topup.status);
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
