import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/** Next number of a named sequence, atomically; for the short references people say (TU-0007). */
export function countersRepository(models: Models) {
  return {
    async next(name: string): Promise<number> {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          const counter = await models.counters
            .findOneAndUpdate({ name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' })
            .lean();
          if (counter) return counter.value;
        } catch (error) {
          // Two first-ever upserts can race on the unique name; the loser just tries again.
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
      throw new Error(`could not advance counter ${name}`);
    },
  };
}

export function formatRef(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(4, '0')}`;
}
