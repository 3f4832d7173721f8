import { type Connection, Schema } from 'mongoose';

export type StripeEventRecord = {
  eventId: string;
  type: string;
  account: string | null;
  livemode: boolean;
  /**
   * The verified event as JSON text (metadata keys may hold characters MongoDB field names
   * cannot); absent on rows stored before the inbox.
   */
  payload?: string;
  /** Which endpoints' secrets verified the delivery. */
  signedFor?: string[];
  receivedAt: Date;
  processedAt: Date | null;
  /** Nobody may process it before then: held by a worker, or waiting for its next try. */
  claimedUntil: Date;
  claimToken?: string | null;
  handled?: boolean;
  ignored?: string | null;
  attempts: number;
  lastError: string | null;
};

const stripeEventSchema = new Schema<StripeEventRecord>(
  {
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    account: { type: String, default: null },
    livemode: { type: Boolean, required: true },
    payload: { type: String },
    signedFor: { type: [String], default: undefined },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
    claimedUntil: { type: Date, required: true },
    claimToken: { type: String, default: null },
    handled: { type: Boolean },
    ignored: { type: String, default: null },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
  },
  { collection: 'stripeEvents', versionKey: false, minimize: false },
);
// Deduplicates deliveries: Stripe sends the same event more than once.
stripeEventSchema.index({ eventId: 1 }, { unique: true });
// The inbox's queue: unprocessed events by when they may be claimed, oldest first.
stripeEventSchema.index({ processedAt: 1, claimedUntil: 1, receivedAt: 1 });

export function stripeEventModel(connection: Connection) {
  return connection.model<StripeEventRecord>('StripeEvent', stripeEventSchema);
}
