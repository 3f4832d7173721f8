import { type Connection, Schema } from 'mongoose';
import type { StripeAccountRecord } from '../../domain/onboarding/types';

export type StripeAccountDoc = StripeAccountRecord;

const stripeAccountSchema = new Schema<StripeAccountDoc>(
  {
    stripeAccountId: { type: String, required: true },
    writerId: { type: String, required: true },
    mode: { type: String, required: true },
    livemode: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'stripeAccounts', versionKey: false },
);
// An acct_ id belongs to one writer, and a writer has one account: parallel clicks record one.
stripeAccountSchema.index({ stripeAccountId: 1 }, { unique: true });
stripeAccountSchema.index({ writerId: 1 }, { unique: true });

export function stripeAccountModel(connection: Connection) {
  return connection.model<StripeAccountDoc>('StripeAccount', stripeAccountSchema);
}
