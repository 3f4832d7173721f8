import { type Connection, Schema, type Types } from 'mongoose';
import type { PreparedRun } from '../../domain/batch/ports';

export type PayoutRunDraftRecord = {
  _id: Types.ObjectId;
  requestedBy: { teamId: string; userId: string };
  createdAt: Date;
  expiresAt: Date;
  prepared: PreparedRun;
};

/** A previewed payout run (lines and all) until its requester clicks "Request approval". */
const payoutRunDraftSchema = new Schema<PayoutRunDraftRecord>(
  {
    requestedBy: { teamId: String, userId: { type: String, required: true } },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    prepared: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'payoutRunDrafts', versionKey: false, minimize: false },
);
payoutRunDraftSchema.index({ expiresAt: 1 });

export function payoutRunDraftModel(connection: Connection) {
  return connection.model<PayoutRunDraftRecord>('PayoutRunDraft', payoutRunDraftSchema);
}
