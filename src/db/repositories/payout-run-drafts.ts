import type { PreparedRun, RunDraftsStore } from '../../domain/batch/ports';
import type { Models } from '../models';
import { objectIdOrUndefined } from './approvable-requests';

/** Previewed runs (see RunDraftsStore): one document each, claimed once by a findOneAndDelete. */
export function payoutRunDraftsRepository(models: Models): RunDraftsStore {
  const drafts = models.payoutRunDrafts;
  const mine = (id: string, userId: string, now: Date) => {
    const _id = objectIdOrUndefined(id);
    return _id ? { _id, 'requestedBy.userId': userId, expiresAt: { $gt: now } } : undefined;
  };
  return {
    async save(requestedBy, prepared, now, expiresAt) {
      // The sweep: expired drafts are only ever read through the expiry condition anyway.
      await drafts.deleteMany({ expiresAt: { $lte: now } });
      const doc = await drafts.create({ requestedBy, createdAt: now, expiresAt, prepared });
      return doc._id.toString();
    },
    async load(id, userId, now) {
      const filter = mine(id, userId, now);
      const doc = filter ? await drafts.findOne(filter).lean() : null;
      return (doc?.prepared as PreparedRun | undefined) ?? undefined;
    },
    async claim(id, userId, now) {
      const filter = mine(id, userId, now);
      const doc = filter ? await drafts.findOneAndDelete(filter).lean() : null;
      return (doc?.prepared as PreparedRun | undefined) ?? undefined;
    },
  };
}
