import type { Connection } from 'mongoose';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import type { StripePace } from '../domain/batch/ports';

/** Each second is cut into this many slots; a slot's share of the rate is taken from MongoDB. */
export const SLOTS_PER_SECOND = 10;
const SLOT_MS = 1000 / SLOTS_PER_SECOND;
/** No turn is handed out in a slot's last ms, so a request leaves (and reaches Stripe) inside it. */
const LATE_MS = 30;
/** Slot keys are reused after this many slots (a minute): the collection stays at 600 documents. */
const KEY_CYCLE = 60 * SLOTS_PER_SECOND;
/** A slot's counter stops counting this long after its first take, long before its key comes round again. */
const COUNTER_SECONDS = 10;

/**
 * How many requests slot `slot` (an absolute slot number, wall-clock ms / SLOT_MS) may start: the
 * rate spread over the second's slots so that every whole second adds up to exactly `perSecond`
 * (20/s → 2 per 100 ms), and any sliding second to at most `perSecond` plus one slot's share.
 */
export function slotQuota(slot: number, perSecond: number): number {
  const i = ((slot % SLOTS_PER_SECOND) + SLOTS_PER_SECOND) % SLOTS_PER_SECOND;
  return (
    Math.floor(((i + 1) * perSecond) / SLOTS_PER_SECOND) - Math.floor((i * perSecond) / SLOTS_PER_SECOND)
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * STRIPE_RATE_LIMIT_PER_SECOND shared by every replica and every payout run: each Stripe request
 * of a run first takes a turn in the current slot from a counter in MongoDB (rate-limiter-flexible's
 * RateLimiterMongo, one atomic `findOneAndUpdate` with `$inc` and upsert per take). A full slot
 * means waiting for the next one. Within a process, takes queue behind each other, so each
 * replica asks MongoDB once per turn or per slot, not once per waiting line.
 *
 * The slots run on each replica's wall clock (the `now` it is given), so replicas are assumed to agree on
 * the time to within a few ms (NTP); a replica that is off shifts its slots, not the total per
 * slot. The library's index creation is off: it would create a TTL index, which Paydesk does not
 * rely on (see ARCHITECTURE.md); the unique `key` index comes from the `stripePace` model, and
 * the documents are reused cyclically, so nothing needs sweeping.
 */
export function mongoStripePace(options: {
  connection: Connection;
  perSecond: number;
  /** Separates paces sharing a database (tests); default `stripe`. */
  name?: string;
  /**
   * Real time in ms, the same on every replica (the composition root passes the system clock):
   * Stripe counts requests per real second whatever clock the app runs on.
   */
  now: () => number;
}): StripePace {
  const { perSecond, now } = options;
  const db = options.connection.db;
  if (!db) throw new Error('the Stripe pace needs a connected database');
  const limiter = new RateLimiterMongo({
    // The driver's Db (a mongoose Connection would be taken for a promise by the library).
    storeClient: db,
    tableName: 'stripePace',
    keyPrefix: options.name ?? 'stripe',
    // Every slot's own quota is checked below; this is only the most any slot can have.
    points: Math.max(1, Math.ceil(perSecond / SLOTS_PER_SECOND)),
    duration: COUNTER_SECONDS,
    disableIndexesCreation: true,
  });

  /** The slot's count after taking one, whether or not the limiter thinks it was over. */
  async function countIn(slot: number): Promise<number> {
    try {
      return (await limiter.consume(`${slot % KEY_CYCLE}`)).consumedPoints;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.consumedPoints;
      throw error;
    }
  }

  async function takeTurn(): Promise<void> {
    for (;;) {
      const at = now();
      const slot = Math.floor(at / SLOT_MS);
      const slotEnd = (slot + 1) * SLOT_MS;
      const quota = slotQuota(slot, perSecond);
      if (quota > 0 && at < slotEnd - LATE_MS) {
        const count = await countIn(slot);
        // A turn taken too late (a slow database answer) is given up, never used in the next slot.
        if (count <= quota && now() < slotEnd - LATE_MS / 3) return;
      }
      await sleep(slotEnd - now());
    }
  }

  let queue: Promise<void> = Promise.resolve();
  return {
    take() {
      const turn = queue.then(takeTurn);
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
