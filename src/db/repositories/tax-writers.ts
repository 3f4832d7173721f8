import type { Writer, WritersStore } from '../../domain/onboarding/types';
import type { TaxWriters } from '../../domain/tax/ports';
import type { Models } from '../models';
import { objectIdOrUndefined, toPlain } from './approvable-requests';

/** Writers for the tax figures: the writers store, plus many at once by id. */
export function taxWritersRepository(models: Models, writers: WritersStore): TaxWriters {
  return {
    findById: (id) => writers.findById(id),
    findBySlackUser: (teamId, userId) => writers.findBySlackUser(teamId, userId),
    async findMany(ids) {
      const _ids = ids.map(objectIdOrUndefined).filter((id) => id !== undefined);
      if (_ids.length === 0) return [];
      const docs = await models.writers.find({ _id: { $in: _ids } }).lean();
      return docs.map((doc) => toPlain<Writer>(doc) as Writer);
    },
  };
}
