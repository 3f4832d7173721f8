import { systemClock } from '../../clock';
import type { LeasesStore } from '../../domain/reconciler/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * A named lease with an expiry, so one replica at a time runs the reconciler. Taking it is a
 * compare-and-set on "mine or expired"; a holder that died simply stops renewing.
 *
 * It expires on either clock. `expiresAt` is on the app's clock (`now`), which /readyz, the
 * gauges and the tests that move a simulated clock read; `wallExpiresAt` is real time, like the
 * webhook inbox's claims, because a simulated clock may stand still: then a dead holder's lease
 * would never end on the app's clock, and no replica would run the reconciler again. Where the
 * app's clock is the system clock (production) the two are the same.
 */
export function leasesRepository(models: Models, wallClock: () => Date = systemClock): LeasesStore {
  const leases = models.leases;
  return {
    async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
      const wallNow = wallClock();
      const expiresAt = new Date(now.getTime() + ttlMs);
      const wallExpiresAt = new Date(wallNow.getTime() + ttlMs);
      const taken = await leases
        .findOneAndUpdate(
          {
            name,
            $or: [{ holder }, { expiresAt: { $lt: now } }, { wallExpiresAt: { $lt: wallNow } }],
          },
          { $set: { holder, expiresAt, wallExpiresAt } },
          { returnDocument: 'after' },
        )
        .lean();
      if (taken) return true;
      try {
        await leases.create({ name, holder, expiresAt, wallExpiresAt });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async release(name: string, holder: string): Promise<void> {
      await leases.updateOne(
        { name, holder },
        { $set: { expiresAt: new Date(0), wallExpiresAt: new Date(0) } },
      );
    },
    async holder(name: string): Promise<string | undefined> {
      return (await leases.findOne({ name }).lean())?.holder;
    },
  };
}
