import type { OnboardingToken, OnboardingTokensStore } from '../../domain/onboarding/types';
import type { Models } from '../models';

const PROJECTION = { _id: 0 } as const;

/** Tokens are stored by hash only; expiry is always part of the query. */
export function onboardingTokensRepository(models: Models): OnboardingTokensStore {
  const tokens = models.onboardingTokens;
  return {
    async insert(token) {
      await tokens.collection.insertOne({ ...token });
    },

    async findActive(tokenHash, purpose, now) {
      const doc = await tokens
        .findOne({ tokenHash, purpose, usedAt: null, expiresAt: { $gt: now } }, PROJECTION)
        .lean<OnboardingToken>();
      return doc ?? undefined;
    },

    async consume(tokenHash, purpose, binderHash, now) {
      const doc = await tokens
        .findOneAndUpdate(
          { tokenHash, purpose, binderHash, usedAt: null, expiresAt: { $gt: now } },
          { $set: { usedAt: now } },
          // No projection here: FerretDB's findAndModify does not support one.
          { returnDocument: 'after' },
        )
        .lean<OnboardingToken & { _id?: unknown }>();
      if (!doc) return undefined;
      const { _id, ...token } = doc;
      return token;
    },

    async find(tokenHash) {
      const doc = await tokens.findOne({ tokenHash }, PROJECTION).lean<OnboardingToken>();
      return doc ?? undefined;
    },
  };
}
