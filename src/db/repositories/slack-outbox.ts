import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type {
  EnqueueResult,
  QueuedSend,
  SendKind,
  SlackOutboxStore,
  SlackSend,
} from '../../domain/ports/slack-outbox';
import type { Models } from '../models';
import type { SlackOutboxRecord } from '../models/slack-outbox';
import { isDuplicateKeyError } from './errors';

/** Enough to outlast a sender marking the update it is sending between our two writes. */
const UPDATE_TRIES = 5;

const newRev = () => randomBytes(6).toString('hex');
const payloadOf = (send: SlackSend) => JSON.stringify(send.message);
const hashOf = (payload: string) => createHash('sha256').update(payload).digest('hex').slice(0, 16);

function keyOf(send: SlackSend): string {
  return send.kind === 'update' ? `update:${send.channel}:${send.ts}` : send.key;
}

type Doc = SlackOutboxRecord & { _id: Types.ObjectId };

function toQueued(doc: Doc): QueuedSend {
  return {
    id: doc._id.toString(),
    key: doc.key,
    kind: doc.kind,
    channel: doc.channel,
    ts: doc.ts,
    message: JSON.parse(doc.payload),
    group: doc.group,
    line: doc.line,
    attempts: doc.attempts,
    claimToken: doc.claimToken,
    rev: doc.rev,
    uncertainSince: doc.uncertainSince ?? null,
  };
}

type UpdateSend = Extract<SlackSend, { kind: 'update' }>;

const stateOf = (send: UpdateSend) => ({ stateAt: send.stateAt, stateVersion: send.stateVersion ?? null });

/**
 * Stored updates this one may replace: by version when both have one (the database's order of
 * the request's changes), else by time.
 */
function notNewerThan(send: UpdateSend) {
  if (send.stateVersion === undefined) return { stateAt: { $lte: send.stateAt } };
  return {
    $or: [
      { stateVersion: { $lte: send.stateVersion } },
      { stateVersion: null, stateAt: { $lte: send.stateAt } },
    ],
  };
}

function isNewer(stored: { stateAt: Date; stateVersion?: number | null }, send: UpdateSend): boolean {
  if (typeof stored.stateVersion === 'number' && send.stateVersion !== undefined) {
    return stored.stateVersion > send.stateVersion;
  }
  return stored.stateAt > send.stateAt;
}

/**
 * Claimable now: pending and due, or held by a sender whose claim lapsed (it died). The status
 * named outside the $or lets the status index narrow the search to unsent rows.
 */
function claimable(now: Date) {
  return {
    status: { $in: ['pending' as const, 'sending' as const] },
    $or: [
      { status: 'pending' as const, notBefore: { $lte: now } },
      { status: 'sending' as const, claimUntil: { $lt: now } },
    ],
  };
}

/**
 * The Slack outbox in MongoDB: what every replica sends from. A post or DM is inserted once per
 * key (an upsert that only inserts); an update is one document per message whose payload each newer
 * state replaces, so only the latest is sent. Claims are compare-and-set with an expiry.
 */
export function slackOutboxRepository(models: Models): SlackOutboxStore {
  const outbox = models.slackOutbox;

  async function insertOnce(send: Exclude<SlackSend, { kind: 'update' }>, now: Date): Promise<EnqueueResult> {
    const payload = payloadOf(send);
    try {
      const result = await outbox.updateOne(
        { key: send.key },
        {
          $setOnInsert: {
            key: send.key,
            kind: send.kind,
            channel: send.kind === 'dm' ? send.user : send.channel,
            ts: null,
            payload,
            group: send.kind === 'post' ? (send.digest?.group ?? null) : null,
            line: send.kind === 'post' ? (send.digest?.line ?? null) : null,
            status: 'pending',
            claimUntil: null,
            claimToken: null,
            attempts: 0,
            notBefore: now,
            stateAt: now,
            rev: hashOf(payload),
            createdAt: now,
            queuedAt: now,
            sentAt: null,
            sentBy: null,
            error: null,
          },
        },
        { upsert: true },
      );
      return result.upsertedCount === 1 ? 'queued' : 'duplicate';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
  }

  /**
   * The latest state of a message: replaces a pending payload (keeping its turn), re-queues a sent
   * or failed one whose content changed, and leaves one being sent to its sender with a new rev (it re-queues it when done).
   * An update older than the stored one is dropped, so a stale refresh cannot undo a newer one.
   */
  async function upsertUpdate(
    send: Extract<SlackSend, { kind: 'update' }>,
    now: Date,
  ): Promise<EnqueueResult> {
    const key = keyOf(send);
    const payload = payloadOf(send);
    const hash = hashOf(payload);
    for (let i = 0; i < UPDATE_TRIES; i += 1) {
      // Waiting to be sent: only the content changes. Its turn (a 429's Retry-After, a back-off)
      // and its attempts stay, so a stream of refreshes cannot make it jump the queue.
      const replaced = await outbox.updateOne(
        { key, status: 'pending', ...notNewerThan(send) },
        { $set: { payload, ...stateOf(send), rev: hash } },
      );
      if (replaced.matchedCount === 1) return 'queued';
      try {
        const requeued = await outbox.updateOne(
          {
            key,
            $and: [
              notNewerThan(send),
              { $or: [{ status: 'failed' }, { status: 'sent', rev: { $ne: hash } }] },
            ],
          },
          {
            $set: {
              payload,
              ...stateOf(send),
              rev: hash,
              status: 'pending',
              notBefore: now,
              queuedAt: now,
              attempts: 0,
              error: null,
              claimUntil: null,
              claimToken: null,
            },
            $setOnInsert: {
              kind: 'update',
              channel: send.channel,
              ts: send.ts,
              group: null,
              line: null,
              createdAt: now,
              sentAt: null,
              sentBy: null,
            },
          },
          { upsert: true },
        );
        if (requeued.upsertedCount === 1 || requeued.matchedCount === 1) return 'queued';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // Being sent right now: swap the payload in; its sender re-queues it on seeing the new rev.
      const inFlight = await outbox.updateOne(
        { key, status: 'sending', rev: { $ne: hash }, ...notNewerThan(send) },
        { $set: { payload, ...stateOf(send), rev: hash } },
      );
      if (inFlight.matchedCount === 1) return 'queued';
      const stored = await outbox.findOne({ key }, { stateAt: 1, stateVersion: 1, rev: 1 }).lean();
      if (!stored) continue;
      if (isNewer(stored, send)) return 'superseded';
      if (stored.rev === hash) return 'duplicate';
    }
    throw new Error(`could not queue the update of ${key}: it kept changing`);
  }

  return {
    enqueue(send, now) {
      return send.kind === 'update' ? upsertUpdate(send, now) : insertOnce(send, now);
    },

    async due(now, options) {
      const { status, $or } = claimable(now);
      const lanes: Record<string, unknown>[] = [{ $or }];
      if (options.busyKinds.length > 0) lanes.push({ kind: { $nin: options.busyKinds } });
      if (options.busyChannels.length > 0) {
        lanes.push({ $or: [{ kind: 'update' }, { channel: { $nin: options.busyChannels } }] });
      }
      const docs = await outbox
        .find({ status, $and: lanes })
        .sort({ queuedAt: 1, _id: 1 })
        .limit(options.limit)
        .lean<Doc[]>();
      return docs.map(toQueued);
    },

    async claim(ids, now, holdMs, holder) {
      if (ids.length === 0) return [];
      const claimToken = `${holder}:${newRev()}`;
      await outbox.updateMany(
        { _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, ...claimable(now) },
        {
          $set: { status: 'sending', claimUntil: new Date(now.getTime() + holdMs), claimToken },
          $inc: { attempts: 1 },
        },
      );
      const docs = await outbox.find({ claimToken }).lean<Doc[]>();
      // Before any of them reaches Slack: a sender that dies from here on may have posted them.
      if (docs.some((doc) => doc.kind !== 'update' && !doc.uncertainSince)) {
        await outbox.updateMany(
          { claimToken, kind: { $ne: 'update' }, uncertainSince: null },
          { $set: { uncertainSince: now } },
        );
      }
      return docs.map(toQueued);
    },

    async renewClaim(sends, now, holdMs) {
      const result = await outbox.updateMany(
        {
          _id: { $in: sends.map((send) => new Types.ObjectId(send.id)) },
          status: 'sending',
          claimToken: { $in: [...new Set(sends.map((send) => send.claimToken))] },
        },
        { $set: { claimUntil: new Date(now.getTime() + holdMs) } },
      );
      return result.matchedCount === sends.length;
    },

    async markSent(send, at, holder) {
      const mine = { _id: new Types.ObjectId(send.id), claimToken: send.claimToken };
      const sent = await outbox.updateOne(
        { ...mine, rev: send.rev },
        {
          $set: {
            status: 'sent',
            sentAt: at,
            sentBy: holder,
            claimUntil: null,
            claimToken: null,
            error: null,
            uncertainSince: null,
          },
        },
      );
      if (sent.matchedCount === 1) return;
      // A newer state arrived while this one was being sent: it goes out next.
      await outbox.updateOne(mine, {
        $set: {
          status: 'pending',
          notBefore: at,
          queuedAt: at,
          claimUntil: null,
          claimToken: null,
          attempts: 0,
        },
      });
    },

    async retryLater(send, notBefore, error, options = {}) {
      await outbox.updateOne(
        { _id: new Types.ObjectId(send.id), claimToken: send.claimToken },
        {
          $set: {
            status: 'pending',
            notBefore,
            claimUntil: null,
            claimToken: null,
            error,
            ...(options.nothingPosted ? { uncertainSince: null } : {}),
          },
          ...(options.countAttempt === false ? { $inc: { attempts: -1 } } : {}),
        },
      );
    },

    async markFailed(send, error, at) {
      await outbox.updateOne(
        { _id: new Types.ObjectId(send.id), claimToken: send.claimToken },
        { $set: { status: 'failed', error, sentAt: at, claimUntil: null, claimToken: null } },
      );
    },

    async hold(scope: { kinds: SendKind[]; channel?: string }, until: Date) {
      await outbox.updateMany(
        {
          status: 'pending',
          kind: { $in: scope.kinds },
          ...(scope.channel === undefined ? {} : { channel: scope.channel }),
          notBefore: { $lt: until },
        },
        { $set: { notBefore: until } },
      );
    },

    async unfinished() {
      return outbox.countDocuments({ status: { $in: ['pending', 'sending'] } });
    },

    async sweep(before) {
      const result = await outbox.deleteMany({ status: 'sent', sentAt: { $lt: before } });
      return result.deletedCount ?? 0;
    },
  };
}
