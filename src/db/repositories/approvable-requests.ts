import { isValidObjectId, type Model, Types } from 'mongoose';
import type { Clock } from '../../clock';
import type { ApprovalStore } from '../../domain/requests/approve-request';
import type { ApprovableRequest, Approval, Rejection, SlackMessageRef } from '../../domain/requests/types';

type WithObjectId<R> = Omit<R, 'id'> & { _id: Types.ObjectId };

export function toPlain<R extends { id: string }>(doc: WithObjectId<R> | null | undefined): R | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc as WithObjectId<R> & Record<string, unknown>;
  return { ...(rest as unknown as Omit<R, 'id'>), id: _id.toString() } as R;
}

/** Request ids arrive in Slack action values: anything that is not an ObjectId matches nothing. */
export function objectIdOrUndefined(id: unknown): Types.ObjectId | undefined {
  return typeof id === 'string' && /^[a-f0-9]{24}$/.test(id) && isValidObjectId(id)
    ? new Types.ObjectId(id)
    : undefined;
}

/**
 * Status changes for any approvable request, each one compare-and-set on the expected status
 * so two clicks or two replicas can never both win.
 */
export function approvableRequests<R extends ApprovableRequest>(
  model: Model<WithObjectId<R> & { updatedAt: Date }>,
  clock: Clock,
) {
  const lean = (query: unknown) => toPlain<R>(query as WithObjectId<R> | null);

  async function transition(
    id: string,
    from: string | string[],
    to: string,
    set: Record<string, unknown> = {},
    now = clock(),
  ): Promise<R | undefined> {
    const _id = objectIdOrUndefined(id);
    if (!_id) return undefined;
    const doc = await model
      .findOneAndUpdate(
        { _id, status: { $in: Array.isArray(from) ? from : [from] } },
        { $set: { ...set, status: to, updatedAt: now } },
        { returnDocument: 'after' },
      )
      .lean();
    return lean(doc);
  }

  const store: ApprovalStore<R> & {
    transition: typeof transition;
    reject(id: string, rejection: Rejection): Promise<R | undefined>;
    setSlackMessage(id: string, message: SlackMessageRef): Promise<void>;
    markApprovalAudited(id: string, userId: string): Promise<void>;
    approvalsToAudit(olderThan: Date, limit: number): Promise<R[]>;
    listByStatus(statuses: string[], options?: { olderThan?: Date; limit?: number }): Promise<R[]>;
  } = {
    async load(id) {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      return lean(await model.findById(_id).lean());
    },

    async recordApproval(id, approval: Approval, expectedApprovals, becomesApproved) {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await model
        .findOneAndUpdate(
          {
            _id,
            status: 'requested',
            approvals: { $size: expectedApprovals },
            'approvals.userId': { $ne: approval.userId },
            'requestedBy.userId': { $ne: approval.userId },
          },
          {
            $push: { approvals: { ...approval, audited: false } },
            $set: {
              updatedAt: approval.at,
              ...(becomesApproved ? { status: 'approved', decidedAt: approval.at } : {}),
            },
          },
          { returnDocument: 'after' },
        )
        .lean();
      return lean(doc);
    },

    transition,

    reject(id, rejection) {
      return transition(id, 'requested', 'rejected', { rejection, decidedAt: rejection.at }, rejection.at);
    },

    async setSlackMessage(id, message) {
      const _id = objectIdOrUndefined(id);
      if (_id) await model.updateOne({ _id }, { $set: { slackMessage: message } });
    },

    async markApprovalAudited(id, userId) {
      const _id = objectIdOrUndefined(id);
      if (!_id) return;
      await model.updateOne(
        // One approval per person, so the user id finds it (the peer has no positional $elemMatch).
        { _id, 'approvals.userId': userId },
        { $set: { 'approvals.$.audited': true } },
      );
    },

    async approvalsToAudit(olderThan, limit) {
      const docs = await model
        .find({ approvals: { $elemMatch: { audited: false, at: { $lt: olderThan } } } })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => lean(doc) as R);
    },

    async listByStatus(statuses, options = {}) {
      const filter: Record<string, unknown> = { status: { $in: statuses } };
      if (options.olderThan) filter.updatedAt = { $lt: options.olderThan };
      const docs = await model
        .find(filter)
        .sort({ requestedAt: 1 })
        .limit(options.limit ?? 100)
        .lean();
      return docs.map((doc) => lean(doc) as R);
    },
  };
  return store;
}
