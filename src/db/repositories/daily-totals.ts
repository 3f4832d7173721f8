import type { DailyTotalsStore } from '../../domain/transfers/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * The daily transfer cap as one counter per UTC day. Reserving is a single conditional $inc,
 * so 50 approvals racing each other can never together pass the cap.
 */
export function dailyTotalsRepository(models: Models): DailyTotalsStore {
  const totals = models.dailyTotals;
  async function ensureRow(day: string): Promise<void> {
    if (await totals.exists({ day })) return;
    try {
      await totals.create({ day, approvedCents: 0 });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return {
    async reserve(day: string, amountCents: number, capCents: number): Promise<boolean> {
      await ensureRow(day);
      const updated = await totals
        .findOneAndUpdate(
          { day, approvedCents: { $lte: capCents - amountCents } },
          { $inc: { approvedCents: amountCents } },
          { returnDocument: 'after' },
        )
        .lean();
      return updated !== null;
    },
    async release(day: string, amountCents: number): Promise<void> {
      await totals.updateOne({ day }, { $inc: { approvedCents: -amountCents } });
    },
    async used(day: string): Promise<number> {
      return (await totals.findOne({ day }).lean())?.approvedCents ?? 0;
    },
  };
}
