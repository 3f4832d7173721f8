import type { TaxLedger, TimeRange, WriterMoneyTotals } from '../../domain/tax/ports';
import type { Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { toPlain } from './approvable-requests';

/** Statuses a transfer can have once it was paid (a fully reversed one was paid first). */
const PAID: Transfer['status'][] = ['paid', 'reversed'];

type Sum = { _id: string; cents: number; count: number };

/** The tax figures' reads on the transfers collection, summed by the database. */
export function taxLedgerQueries(models: Models): TaxLedger {
  const writerFilter = (writerIds?: string[]) => (writerIds ? { writerId: { $in: writerIds } } : {});
  const within = (range: TimeRange) => ({ $gte: range.from, $lt: range.to });

  return {
    async moneyTotals(range, writerIds) {
      const [paid, reversed] = await Promise.all([
        models.transfers.aggregate<Sum>([
          { $match: { ...writerFilter(writerIds), status: { $in: PAID }, paidAt: within(range) } },
          { $group: { _id: '$writerId', cents: { $sum: '$amountCents' }, count: { $sum: 1 } } },
        ]),
        models.transfers.aggregate<Sum>([
          { $match: { ...writerFilter(writerIds), 'reversals.at': within(range) } },
          { $unwind: '$reversals' },
          { $match: { 'reversals.at': within(range) } },
          { $group: { _id: '$writerId', cents: { $sum: '$reversals.amountCents' }, count: { $sum: 1 } } },
        ]),
      ]);
      const byWriter = new Map<string, WriterMoneyTotals>();
      const of = (writerId: string) => {
        const found = byWriter.get(writerId);
        if (found) return found;
        const fresh = { writerId, paidCents: 0, paidCount: 0, reversedCents: 0, reversalCount: 0 };
        byWriter.set(writerId, fresh);
        return fresh;
      };
      for (const row of paid) Object.assign(of(row._id), { paidCents: row.cents, paidCount: row.count });
      for (const row of reversed)
        Object.assign(of(row._id), { reversedCents: row.cents, reversalCount: row.count });
      return [...byWriter.values()];
    },

    async moneyActivity(writerId, range) {
      const docs = await models.transfers
        .find({
          writerId,
          $or: [{ status: { $in: PAID }, paidAt: within(range) }, { 'reversals.at': within(range) }],
        })
        .sort({ paidAt: 1 })
        .lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },
  };
}
