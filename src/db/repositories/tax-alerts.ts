import type { TaxAlertsStore } from '../../domain/tax/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

const keyOf = (year: number, writerId: string) => `${year}:${writerId}`;

export function taxAlertsRepository(models: Models): TaxAlertsStore {
  return {
    async claim(year, writerId, now) {
      try {
        await models.taxAlerts.create({
          key: keyOf(year, writerId),
          year,
          writerId,
          claimedAt: now,
          sentAt: null,
        });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async markSent(year, writerId, now) {
      await models.taxAlerts.updateOne(
        { key: keyOf(year, writerId), sentAt: null },
        { $set: { sentAt: now } },
      );
    },
    async unsent(olderThan) {
      const docs = await models.taxAlerts
        .find({ sentAt: null, claimedAt: { $lt: olderThan } })
        .limit(100)
        .lean();
      return docs.map((doc) => ({ year: doc.year, writerId: doc.writerId }));
    },
  };
}
