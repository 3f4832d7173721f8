import type { StripeAccountRecord, StripeAccountsStore } from '../../domain/onboarding/types';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

const PROJECTION = { _id: 0 } as const;

export function stripeAccountsRepository(models: Models): StripeAccountsStore {
  const accounts = models.stripeAccounts;
  const byWriter = (writerId: string) =>
    accounts
      .findOne({ writerId }, PROJECTION)
      .lean<StripeAccountRecord>()
      .then((doc) => doc ?? undefined);
  const byAccount = (stripeAccountId: string) =>
    accounts
      .findOne({ stripeAccountId }, PROJECTION)
      .lean<StripeAccountRecord>()
      .then((doc) => doc ?? undefined);

  return {
    findByWriter: byWriter,
    findByAccountId: byAccount,

    async insert(record) {
      try {
        await accounts.collection.insertOne({ ...record });
        return { inserted: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = (await byWriter(record.writerId)) ?? (await byAccount(record.stripeAccountId));
        return { inserted: false, existing };
      }
    },

    async removeForWriter(writerId) {
      await accounts.deleteOne({ writerId });
    },
  };
}
