import {
  CONSUMED_MARKER_PURPOSE,
  type OnboardingToken,
  type OnboardingTokensStore,
} from '../../domain/onboarding/types';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

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
      const token = await tokens
        .findOne({ tokenHash, purpose, binderHash, usedAt: null, expiresAt: { $gt: now } }, PROJECTION)
        .lean<OnboardingToken>();
      if (!token) return undefined;
      // The unique tokenHash index makes this insert the single-use decision: of two concurrent
      // consumers exactly one succeeds, on any MongoDB-compatible server.
      try {
        await tokens.collection.insertOne({
          tokenHash: `consumed:${tokenHash}`,
          writerId: token.writerId,
          purpose: CONSUMED_MARKER_PURPOSE,
          createdAt: now,
          expiresAt: token.expiresAt,
          usedAt: now,
          binderHash: null,
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) return undefined;
        throw error;
      }
      // The compare-and-set `usedAt: null → now` on the token itself, for anyone reading it later.
      await tokens.updateOne({ tokenHash, usedAt: null }, { $set: { usedAt: now } });
      return { ...token, usedAt: now };
    },

    async find(tokenHash) {
      const doc = await tokens.findOne({ tokenHash }, PROJECTION).lean<OnboardingToken>();
      return doc ?? undefined;
    },

    async recordInvitationDm(tokenHash, dm) {
      await tokens.collection.updateOne(
        { tokenHash, purpose: 'start' },
        { $set: { invitationDm: { channel: dm.channel, ts: dm.ts } } },
      );
    },

    async openInvitationDms(writerId) {
      const docs = await tokens
        .find(
          { writerId, purpose: 'start', invitationDm: { $ne: null }, dmClosedAt: null },
          { _id: 0, tokenHash: 1, invitationDm: 1 },
        )
        .sort({ createdAt: 1 })
        .lean<Pick<OnboardingToken, 'tokenHash' | 'invitationDm'>[]>();
      return docs.flatMap((doc) =>
        doc.invitationDm ? [{ tokenHash: doc.tokenHash, dm: { ...doc.invitationDm } }] : [],
      );
    },

    async markInvitationDmClosed(tokenHash, at) {
      await tokens.collection.updateOne({ tokenHash, dmClosedAt: null }, { $set: { dmClosedAt: at } });
    },
  };
}
