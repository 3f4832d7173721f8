import { type Connection, Schema, type Types } from 'mongoose';
import type { Writer } from '../../domain/onboarding/types';
import { slackUserRefSchema } from './money-request-fields';

export type WriterRecord = Omit<Writer, 'id'> & { _id: Types.ObjectId };

const writerSchema = new Schema<WriterRecord>(
  {
    slackTeamId: { type: String, required: true },
    slackUserId: { type: String, required: true },
    email: { type: String, default: null },
    displayName: { type: String, required: true },
    firstName: { type: String, default: null },
    status: { type: String, required: true },
    stripeAccountId: { type: String, default: null },
    capabilities: { type: Schema.Types.Mixed, default: {} },
    payoutsEnabled: { type: Boolean, required: true, default: false },
    requirementsDue: { type: [String], default: [] },
    taxDetails: { type: String, default: 'missing' },
    invitedBy: { type: slackUserRefSchema, required: true },
    invitedAt: { type: Date, required: true },
    connectedAt: { type: Date, default: null },
    statusChangedAt: { type: Date, required: true },
    accountGeneration: { type: Number, required: true, default: 1 },
    rev: { type: Number, required: true, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'writers', versionKey: false, minimize: false },
);
// One writer per Slack user per workspace: two invites at once record one writer.
writerSchema.index({ slackTeamId: 1, slackUserId: 1 }, { unique: true });

export function writerModel(connection: Connection) {
  return connection.model<WriterRecord>('Writer', writerSchema);
}
