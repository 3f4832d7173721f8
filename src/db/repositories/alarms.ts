import type { AlarmState, AlarmStore } from '../../domain/alarms/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

const FRESH: AlarmState = {
  episode: 0,
  active: false,
  since: null,
  announced: [],
  posts: 0,
  pending: null,
  rev: 0,
};

/** Alarm states: one document per alarm, changed only by compare-and-set on `rev`. */
export function alarmsRepository(models: Models): AlarmStore {
  const alarms = models.alarms;
  return {
    async get(name) {
      const doc = await alarms.findOne({ name }).lean();
      if (!doc) return { ...FRESH, announced: [] };
      const { episode, active, since, announced, posts, pending, rev } = doc;
      return {
        episode,
        active,
        since,
        announced: [...(announced ?? [])],
        posts,
        pending: pending ?? null,
        rev,
      };
    },
    async save(name, expectedRev, next) {
      const fields = { ...next, rev: expectedRev + 1 };
      if (expectedRev === 0) {
        try {
          await alarms.create({ name, ...fields });
          return true;
        } catch (error) {
          if (isDuplicateKeyError(error)) return false;
          throw error;
        }
      }
      const saved = await alarms.updateOne({ name, rev: expectedRev }, { $set: fields });
      return saved.modifiedCount === 1;
    },
  };
}
