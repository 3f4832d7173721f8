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
  const alone = {
    /** Takes `count` numbers in one step; resolves with the first. */
    async next(name: string, count = 1): Promise<number> {
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
          { $set: { value: current.value + count } },
        );
        if (taken.modifiedCount === 1) return current.value + 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10, attempt)));
      }
      throw new Error(`could not advance counter ${name}`);
    },
  };
  return { next: (name: string) => together(models, name, (count) => alone.next(name, count)) };
}

type Waiter = { resolve: (value: number) => void; reject: (error: unknown) => void };

/** Per database and counter: the callers waiting for the compare-and-set in flight to finish. */
const waiting = new WeakMap<Models, Map<string, Waiter[]>>();

/**
 * Callers that ask for the same counter while a compare-and-set is in flight wait for it, then
 * share the next one, which takes a number for each of them. A burst so costs a few round trips
 * instead of every caller retrying against every other (2,000 queued /topup requests made about
 * 970,000 counter reads and writes that way; see test/bench), and a failure reaches them all at
 * once. Replicas still race each other through the compare-and-set, a few contenders at most.
 */
function together(models: Models, name: string, take: (count: number) => Promise<number>): Promise<number> {
  let byName = waiting.get(models);
  if (!byName) {
    byName = new Map();
    waiting.set(models, byName);
  }
  const queues = byName;
  return new Promise<number>((resolve, reject) => {
    const queued = queues.get(name);
    if (queued) {
      queued.push({ resolve, reject });
      return;
    }
    void (async () => {
      let batch: Waiter[] = [{ resolve, reject }];
      while (batch.length > 0) {
        queues.set(name, []);
        try {
          const first = await take(batch.length);
          for (const [i, waiter] of batch.entries()) waiter.resolve(first + i);
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
        batch = queues.get(name) ?? [];
      }
      queues.delete(name);
    })();
  });
}

export function formatRef(prefix: string, value: number): string {
  return `${prefix}-${String(value).padStart(4, '0')}`;
}
