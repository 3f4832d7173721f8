import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * Next number of a named sequence; for the short references people say (TU-0007).
 *
 * A compare-and-set from the value just read to the next one: whoever's filter still matches
 * owns that number. Deliberately not `$inc` with `returnDocument: 'after'`: on the test peer
 * (mongo-java-server) the returned document is read after the update, so two concurrent calls
 * could both be told the same number. The row is created once with an insert the unique index
 * settles, never by an upsert.
 */
export function countersRepository(models: Models) {
  const counters = models.counters;
  return {
    async next(name: string): Promise<number> {
      for (let attempt = 0; attempt < 1000; attempt += 1) {
        const current = await counters.findOne({ name }).lean();
        if (!current) {
          try {
            await counters.create({ name, value: 0 });
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
          }
          continue;
        }
        const taken = await counters.updateOne(
          { name, value: current.value },
          { $set: { value: current.value + 1 } },
        );
        if (taken.modifiedCount === 1) return current.value + 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10, attempt)));
      }
      throw new Error(`could not advance counter ${name}`);
    },
  };
}

export function formatRef(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(4, '0')}`;
}
