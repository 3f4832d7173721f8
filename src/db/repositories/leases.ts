import type { LeasesStore } from '../../domain/reconciler/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * A named lease with an expiry, so one replica at a time runs the reconciler. Taking it is a
 * compare-and-set on "mine or expired"; a holder that died simply stops renewing.
 */
export function leasesRepository(models: Models): LeasesStore {
  const leases = models.leases;
  return {
    async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const taken = await leases
        .findOneAndUpdate(
          { name, $or: [{ holder }, { expiresAt: { $lt: now } }] },
          { $set: { holder, expiresAt } },
          { returnDocument: 'after' },
        )
        .lean();
      if (taken) return true;
      try {
        await leases.create({ name, holder, expiresAt });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async release(name: string, holder: string): Promise<void> {
      await leases.updateOne({ name, holder }, { $set: { expiresAt: new Date(0) } });
    },
    async holder(name: string): Promise<string | undefined> {
      return (await leases.findOne({ name }).lean())?.holder;
    },
  };
}
