import { type Connection, Schema } from 'mongoose';
import type { OnboardingToken } from '../../domain/onboarding/types';

const onboardingTokenSchema = new Schema<OnboardingToken>(
  {
    tokenHash: { type: String, required: true },
    writerId: { type: String, required: true },
    purpose: { type: String, required: true },
    createdAt: { type: Date, required: true },
    // Expiry is a condition in every query, not a TTL index (not every server has them).
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    binderHash: { type: String, default: null },
    invitationDm: { type: { _id: false, channel: String, ts: String }, default: null },
    dmClosedAt: { type: Date, default: null },
  },
  { collection: 'onboardingTokens', versionKey: false },
);
onboardingTokenSchema.index({ tokenHash: 1 }, { unique: true });
// A writer's invitation DMs, found when they connect (both fields are on every token).
onboardingTokenSchema.index({ writerId: 1, purpose: 1 });

export function onboardingTokenModel(connection: Connection) {
  return connection.model<OnboardingToken>('OnboardingToken', onboardingTokenSchema);
}
