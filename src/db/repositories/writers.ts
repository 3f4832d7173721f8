import { Types } from 'mongoose';
import type { NewWriter, Writer, WritersStore } from '../../domain/onboarding/types';
import type { Models } from '../models';
import { objectIdOrUndefined, toPlain } from './approvable-requests';
import { isDuplicateKeyError } from './errors';

export function writersRepository(models: Models): WritersStore {
  const writers = models.writers;
  const plain = (doc: unknown) => toPlain<Writer>(doc as Parameters<typeof toPlain<Writer>>[0]);

  return {
    async findById(id) {
      const _id = objectIdOrUndefined(id);
      return _id ? plain(await writers.findById(_id).lean()) : undefined;
    },

    async findBySlackUser(teamId, userId) {
      return plain(await writers.findOne({ slackTeamId: teamId, slackUserId: userId }).lean());
    },

    async createOrFind(writer: NewWriter) {
      const existing = await writers.findOne({ slackTeamId: writer.slackTeamId, slackUserId: writer.slackUserId }).lean();
      if (existing) return { writer: plain(existing) as Writer, created: false };
      try {
        const doc = await writers.create({ ...writer, _id: new Types.ObjectId() });
        return { writer: plain(doc.toObject()) as Writer, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await writers.findOne({ slackTeamId: writer.slackTeamId, slackUserId: writer.slackUserId }).lean();
        if (!winner) throw error;
        return { writer: plain(winner) as Writer, created: false };
      }
    },

    async update(id, expected, changes, now) {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await writers
        .findOneAndUpdate(
          { _id, status: expected.status, connectedAt: expected.connected ? { $ne: null } : null },
          { $set: { ...changes, updatedAt: now } },
          { returnDocument: 'after' },
        )
        .lean();
      return plain(doc);
    },

    async list(limit) {
      const docs = await writers.find({}).sort({ invitedAt: -1 }).limit(limit).lean();
      return docs.map((doc) => plain(doc) as Writer);
    },
  };
}
