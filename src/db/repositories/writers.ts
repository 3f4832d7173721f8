import { Types } from 'mongoose';
import type { NewWriter, Writer, WriterChanges, WritersStore } from '../../domain/onboarding/types';
import type { Models } from '../models';
import { objectIdOrUndefined, toPlain } from './approvable-requests';
import { isDuplicateKeyError } from './errors';

export function writersRepository(models: Models): WritersStore {
  const writers = models.writers;
  const transitions = models.writerTransitions;
  const plain = (doc: unknown) => toPlain<Writer>(doc as Parameters<typeof toPlain<Writer>>[0]);

  /** Brings the writers document up to revision `rev` from its transition row (idempotent). */
  async function rollForward(
    _id: Types.ObjectId,
    rev: number,
    changes: WriterChanges,
    at: Date,
  ): Promise<void> {
    await writers.updateOne({ _id, rev: rev - 1 }, { $set: { ...changes, rev, updatedAt: at } });
  }

  return {
    async findById(id) {
      const _id = objectIdOrUndefined(id);
      return _id ? plain(await writers.findById(_id).lean()) : undefined;
    },

    async findBySlackUser(teamId, userId) {
      return plain(await writers.findOne({ slackTeamId: teamId, slackUserId: userId }).lean());
    },

    async createOrFind(writer: NewWriter) {
      const existing = await writers
        .findOne({ slackTeamId: writer.slackTeamId, slackUserId: writer.slackUserId })
        .lean();
      if (existing) return { writer: plain(existing) as Writer, created: false };
      try {
        const doc = await writers.create({ ...writer, rev: 0, _id: new Types.ObjectId() });
        return { writer: plain(doc.toObject()) as Writer, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await writers
          .findOne({ slackTeamId: writer.slackTeamId, slackUserId: writer.slackUserId })
          .lean();
        if (!winner) throw error;
        return { writer: plain(winner) as Writer, created: false };
      }
    },

    async update(before, requested, now) {
      const _id = objectIdOrUndefined(before.id);
      if (!_id) return undefined;
      // An absent field means "leave it"; the driver would store undefined as null.
      const changes = Object.fromEntries(
        Object.entries(requested).filter(([, value]) => value !== undefined),
      ) as WriterChanges;
      const rev = before.rev + 1;
      try {
        await transitions.collection.insertOne({
          writerId: before.id,
          rev,
          changes: { ...changes },
          at: now,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Someone else took this revision. Make sure it is applied (they may have crashed right
        // after their insert), then let the caller reload and decide again.
        const winner = await transitions.findOne({ writerId: before.id, rev }).lean();
        if (winner) await rollForward(_id, rev, winner.changes, winner.at);
        return undefined;
      }
      await rollForward(_id, rev, changes, now);
      return { ...before, ...changes, rev, updatedAt: now };
    },

    async list(limit) {
      const docs = await writers.find({}).sort({ invitedAt: -1 }).limit(limit).lean();
      return docs.map((doc) => plain(doc) as Writer);
    },
  };
}
