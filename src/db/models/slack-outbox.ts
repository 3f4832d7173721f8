import { type Connection, Schema } from 'mongoose';

export type SlackOutboxRecord = {
  /** Stable: `alert:<topupId>:<status>`, `dm:paid:<transferId>`, `update:<channel>:<ts>`. */
  key: string;
  kind: 'post' | 'update' | 'dm';
  /** The channel posted to or updated in; for a DM, the user's id. */
  channel: string;
  /** The message an update edits. */
  ts: string | null;
  /** The message as JSON text (Block Kit), as chat.postMessage / chat.update take it. */
  payload: string;
  /** Posts of one coalesce group due together in a channel go out as one digest. */
  group: string | null;
  /** This post's line in a digest. */
  line: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** A sender holds it until then; a sender that died lets it lapse and another sends it. */
  claimUntil: Date | null;
  claimToken: string | null;
  attempts: number;
  /** Not sent before then (Slack's Retry-After, or a back-off after an error). */
  notBefore: Date;
  /** When the state an update shows was current: an older update never replaces a newer one. */
  stateAt: Date;
  /** The shown state's version, when the request has one (orders updates before stateAt does). */
  stateVersion?: number | null;
  /** Replaced with each new payload, so a send of an older payload is not recorded as the latest. */
  rev: string;
  createdAt: Date;
  /** When it last became pending (queue order). */
  queuedAt: Date;
  sentAt: Date | null;
  sentBy: string | null;
  error: string | null;
  /**
   * A post or DM whose delivery began then and may have reached Slack (its claim lapsed, or Slack's
   * answer was lost): the next sender looks in the conversation before posting it again.
   */
  uncertainSince?: Date | null;
};

const slackOutboxSchema = new Schema<SlackOutboxRecord>(
  {
    key: { type: String, required: true },
    kind: { type: String, required: true, enum: ['post', 'update', 'dm'] },
    channel: { type: String, required: true },
    ts: { type: String, default: null },
    payload: { type: String, required: true },
    group: { type: String, default: null },
    line: { type: String, default: null },
    status: { type: String, required: true, enum: ['pending', 'sending', 'sent', 'failed'] },
    claimUntil: { type: Date, default: null },
    claimToken: { type: String, default: null },
    attempts: { type: Number, required: true, default: 0 },
    notBefore: { type: Date, required: true },
    stateAt: { type: Date, required: true },
    stateVersion: { type: Number, default: null },
    rev: { type: String, required: true },
    createdAt: { type: Date, required: true },
    queuedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    sentBy: { type: String, default: null },
    error: { type: String, default: null },
    uncertainSince: { type: Date, default: null },
  },
  { collection: 'slackOutbox', versionKey: false },
);
// Each send once across replicas: a post or DM is stored once per key, an update once per message.
slackOutboxSchema.index({ key: 1 }, { unique: true });
// The sender's queue: pending by due time, claimed ones by when their claim lapses, oldest first.
slackOutboxSchema.index({ status: 1, queuedAt: 1 });
// A sender reads back what it just claimed; only rows being sent carry a token.
slackOutboxSchema.index({ claimToken: 1 }, { partialFilterExpression: { claimToken: { $type: 'string' } } });

export function slackOutboxModel(connection: Connection) {
  return connection.model<SlackOutboxRecord>('SlackOutbox', slackOutboxSchema);
}
