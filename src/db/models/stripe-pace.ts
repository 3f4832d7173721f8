import { type Connection, Schema } from 'mongoose';

/**
 * rate-limiter-flexible's RateLimiterMongo documents: one counter per pacing slot (`key`), its
 * points taken and when it stops counting (`expire`). The library's own index creation is off
 * (it would add a TTL index); the unique `key` index it needs is declared here instead, so
 * concurrent first takes of a slot from two replicas end in one document.
 */
export type StripePaceRecord = { key: string; points: number; expire: Date | null };

const stripePaceSchema = new Schema<StripePaceRecord>(
  {
    key: { type: String, required: true },
    points: { type: Number, required: true },
    expire: { type: Date, default: null },
  },
  { collection: 'stripePace', versionKey: false },
);
stripePaceSchema.index({ key: 1 }, { unique: true });

export function stripePaceModel(connection: Connection) {
  return connection.model<StripePaceRecord>('StripePace', stripePaceSchema);
}
