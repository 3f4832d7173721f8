import { type Connection, Schema } from 'mongoose';

export type SlackRequestRecord = { identity: string; receivedAt: Date; expiresAt: Date };

const slackRequestSchema = new Schema<SlackRequestRecord>(
  {
    identity: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'slackRequests', versionKey: false },
);
// One row per Slack request acted on: a replay (same signature, or same event id) is a duplicate key.
slackRequestSchema.index({ identity: 1 }, { unique: true });
// Clean-up only, never correctness: a row outliving expiresAt (a server without TTL expiry, like
// the embedded peer) only matches a request whose timestamp is already refused as stale.
slackRequestSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function slackRequestModel(connection: Connection) {
  return connection.model<SlackRequestRecord>('SlackRequest', slackRequestSchema);
}
