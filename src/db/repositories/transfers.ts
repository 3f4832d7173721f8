import { Types } from 'mongoose';
import type { Clock } from '../../clock';
import type { NewTransfer, TransfersStore } from '../../domain/transfers/ports';
import type { ReversalRequest, Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { approvableRequests, objectIdOrUndefined, toPlain } from './approvable-requests';
import { countersRepository, formatRef } from './counters';
import { isDuplicateKeyError } from './errors';
import { taxLedgerQueries } from './tax-ledger';

export function transfersRepository(models: Models, clock: Clock): TransfersStore {
  const requests = approvableRequests<Transfer>(models.transfers, clock);
  const counters = countersRepository(models);
  return {
    ...requests,
    ...taxLedgerQueries(models),

    /**
     * Stores the request with its idempotency key before anything goes to Stripe. Resolves
     * `undefined` when a request with the same key exists already (a duplicate retry click).
     */
    async create(fields: NewTransfer): Promise<Transfer | undefined> {
      const _id = new Types.ObjectId();
      const id = _id.toString();
      const idempotencyKey = fields.idempotencyKey ?? `transfer:${id}`;
      try {
        const doc = await models.transfers.create({
          ...fields,
          _id,
          ref: fields.ref ?? formatRef('TR', await counters.next('transfer')),
          idempotencyKey,
          originKey: idempotencyKey,
          transferGroup: fields.transferGroup ?? id,
          updatedAt: fields.requestedAt,
        });
        return toPlain<Transfer>(doc.toObject());
      } catch (error) {
        if (isDuplicateKeyError(error)) return undefined;
        throw error;
      }
    },

    async findByIdempotencyKey(idempotencyKey: string): Promise<Transfer | undefined> {
      return toPlain<Transfer>(
        await models.transfers.findOne({ $or: [{ originKey: idempotencyKey }, { idempotencyKey }] }).lean(),
      );
    },

    /** Compare-and-set: a submitting request's key replaced by a new one, stored before it is sent. */
    async renewIdempotencyKey(id: string, from: string, to: string, at: Date): Promise<boolean> {
      const result = await models.transfers.updateOne(
        { _id: new Types.ObjectId(id), status: 'submitting', idempotencyKey: from },
        { $set: { idempotencyKey: to, keyIssuedAt: at, updatedAt: at } },
      );
      return result.modifiedCount === 1;
    },

    async findByStripeId(stripeTransferId: string): Promise<Transfer | undefined> {
      return toPlain<Transfer>(await models.transfers.findOne({ stripeTransferId }).lean());
    },

    /** Claims a failed attempt for one retry (compare-and-set on `retriedBy: null`). */
    async claimRetry(id: string, retryKey: string): Promise<boolean> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return false;
      const result = await models.transfers.updateOne(
        { _id, status: 'failed', retriedBy: null },
        { $set: { retriedBy: retryKey } },
      );
      return result.modifiedCount === 1;
    },

    async linkRetry(id: string, retryKey: string, retryId: string): Promise<void> {
      const _id = objectIdOrUndefined(id);
      if (_id)
        await models.transfers.updateOne({ _id, retriedBy: retryKey }, { $set: { retriedBy: retryId } });
    },

    async recordReversal(id: string, reversal: Transfer['reversals'][number]): Promise<Transfer | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await models.transfers
        .findOneAndUpdate(
          { _id, status: 'paid', 'reversals.stripeReversalId': { $ne: reversal.stripeReversalId } },
          {
            $push: { reversals: { ...reversal, announced: false } },
            $inc: { amountReversedCents: reversal.amountCents },
            $set: { updatedAt: reversal.at },
          },
          { returnDocument: 'after' },
        )
        .lean();
      const recorded = toPlain<Transfer>(doc);
      if (!recorded || recorded.amountReversedCents < recorded.amountCents) return recorded;
      // Whichever reversal brought the total to the full amount closes it; the filter makes it once.
      const closed = await models.transfers
        .findOneAndUpdate(
          { _id, status: 'paid', amountReversedCents: { $gte: recorded.amountCents } },
          { $set: { status: 'reversed', updatedAt: reversal.at } },
          { returnDocument: 'after' },
        )
        .lean();
      return toPlain<Transfer>(closed) ?? (await requests.load(id)) ?? recorded;
    },

    async markReversalAnnounced(id: string, stripeReversalId: string): Promise<void> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return;
      await models.transfers.updateOne(
        { _id, 'reversals.stripeReversalId': stripeReversalId },
        { $set: { 'reversals.$.announced': true } },
      );
    },

    async markWriterNotified(id: string): Promise<void> {
      const _id = objectIdOrUndefined(id);
      if (_id) await models.transfers.updateOne({ _id }, { $set: { writerNotified: true } });
    },

    /** Oldest first, on index {status, writerNotified, updatedAt}; markWriterNotified moves each out. */
    /** Like listByStatus, for transfers outside payout runs (runs drive their own lines). */
    async standaloneByStatus(statuses: string[], options: { olderThan: Date }): Promise<Transfer[]> {
      const docs = await models.transfers
        .find({
          status: { $in: statuses as Transfer['status'][] },
          batchId: null,
          updatedAt: { $lt: options.olderThan },
        })
        .sort({ updatedAt: 1 })
        .limit(100)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    /** On index {'reversals.announced'}: announceReversals sets each one true. */
    async unannouncedReversals(olderThan: Date): Promise<Transfer[]> {
      const docs = await models.transfers
        .find({ 'reversals.announced': false, updatedAt: { $lt: olderThan } })
        .sort({ updatedAt: 1 })
        .limit(200)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    async paidWithoutNotice(olderThan: Date): Promise<Transfer[]> {
      const docs = await models.transfers
        .find({ status: 'paid', writerNotified: false, updatedAt: { $lt: olderThan } })
        .sort({ updatedAt: 1 })
        .limit(200)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    /** Compare-and-set: a paid transfer with no reversal waiting gets this one. */
    async requestReversal(id: string, request: ReversalRequest, now: Date): Promise<Transfer | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await models.transfers
        .findOneAndUpdate(
          { _id, status: 'paid', reversalRequest: null },
          { $set: { reversalRequest: request, updatedAt: now } },
          { returnDocument: 'after' },
        )
        .lean();
      return toPlain<Transfer>(doc);
    },

    /** Compare-and-set: the one approver of the waiting reversal (never its requester). */
    async approveReversal(
      id: string,
      idempotencyKey: string,
      approverId: string,
      now: Date,
    ): Promise<Transfer | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await models.transfers
        .findOneAndUpdate(
          {
            _id,
            'reversalRequest.idempotencyKey': idempotencyKey,
            'reversalRequest.approvedBy': null,
            'reversalRequest.requestedBy': { $ne: approverId },
          },
          { $set: { 'reversalRequest.approvedBy': approverId, 'reversalRequest.approvedAt': now } },
          { returnDocument: 'after' },
        )
        .lean();
      return toPlain<Transfer>(doc);
    },

    /**
     * Approved reversals whose Stripe call has not been recorded since `olderThan`, oldest first, on
     * index {status, reversalRequest.approvedAt}; driveReversal clears each request it settles.
     */
    async reversalsApprovedBefore(olderThan: Date): Promise<Transfer[]> {
      const docs = await models.transfers
        .find({ status: 'paid', 'reversalRequest.approvedAt': { $lt: olderThan } })
        .sort({ 'reversalRequest.approvedAt': 1 })
        .limit(100)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    /** Compare-and-set: an approved reversal's key replaced by a new one, stored before it is sent. */
    async renewReversalKey(id: string, from: string, to: string, at: Date): Promise<boolean> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return false;
      const result = await models.transfers.updateOne(
        { _id, 'reversalRequest.idempotencyKey': from, 'reversalRequest.approvedBy': { $ne: null } },
        { $set: { 'reversalRequest.idempotencyKey': to, 'reversalRequest.keyIssuedAt': at } },
      );
      return result.modifiedCount === 1;
    },

    async clearReversalRequest(id: string, idempotencyKey: string): Promise<Transfer | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await models.transfers
        .findOneAndUpdate(
          { _id, 'reversalRequest.idempotencyKey': idempotencyKey },
          { $set: { reversalRequest: null } },
          { returnDocument: 'after' },
        )
        .lean();
      return toPlain<Transfer>(doc);
    },

    async findByRef(ref: string): Promise<Transfer[]> {
      const docs = await models.transfers.find({ ref }).sort({ attempt: 1 }).limit(50).lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    async reversalsWaiting(limit: number): Promise<Transfer[]> {
      const docs = await models.transfers
        .find({ status: 'paid', reversalRequest: { $ne: null } })
        .sort({ 'reversalRequest.requestedAt': 1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },

    async history(filter: { writerId?: string }, limit: number): Promise<Transfer[]> {
      const docs = await models.transfers
        .find(filter.writerId ? { writerId: filter.writerId } : {})
        .sort({ requestedAt: -1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },
  };
}
