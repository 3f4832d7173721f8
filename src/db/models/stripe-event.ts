import { type Connection, Schema } from 'mongoose';

export type StripeEventRecord = {
  eventId: string;
  type: string;
  account: string | null;
  livemode: boolean;
  receivedAt: Date;
  processedAt: Date | null;
  claimedUntil: Date;
  handled?: boolean;
  attempts: number;
  lastError: string | null;
};

const stripeEventSchema = new Schema<StripeEventRecord>(
  {
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    account: { type: String, default: null },
    livemode: { type: Boolean, required: true },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
    claimedUntil: { type: Date, required: true },
    handled: { type: Boolean },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
  },
  { collection: 'stripeEvents', versionKey: false },
);
// Deduplicates deliveries: Stripe sends the same event more than once.
stripeEventSchema.index({ eventId: 1 }, { unique: true });

export function stripeEventModel(connection: Connection) {
  return connection.model<StripeEventRecord>('StripeEvent', stripeEventSchema);
}
