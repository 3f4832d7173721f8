import { type Connection, Schema, type Types } from 'mongoose';
import type { Topup } from '../../domain/topups/types';
import { approvableRequestFields } from './money-request-fields';
import { countStateChanges } from './state-version';

export type TopupRecord = Omit<Topup, 'id'> & { _id: Types.ObjectId; updatedAt: Date };

const topupSchema = new Schema<TopupRecord>(
  {
    ...approvableRequestFields,
    currency: { type: String, required: true },
    description: { type: String, required: true },
    statementDescriptor: { type: String, required: true },
    stripeTopupId: { type: String, default: null },
    expectedAvailableAt: { type: Date, required: true },
    submittedAt: { type: Date, default: null },
    keyIssuedAt: { type: Date, default: null },
    settledAt: { type: Date, default: null },
    canceledBy: { type: String, default: null },
    alertedStatus: { type: String, default: null },
  },
  { collection: 'topups', versionKey: false },
);
countStateChanges(topupSchema);
topupSchema.index({ idempotencyKey: 1 }, { unique: true });
topupSchema.index({ ref: 1 }, { unique: true });
// The reconciler's queries: listByStatus(statuses, {olderThan}) and alertsDue (status, alertedStatus ≠ status, updatedAt).
topupSchema.index({ status: 1, updatedAt: 1 });
topupSchema.index({ status: 1, alertedStatus: 1, updatedAt: 1 });
// Not unique: absent until submitted. Uniqueness comes from the idempotency key that made it.
topupSchema.index({ stripeTopupId: 1 });
topupSchema.index({ 'approvals.audited': 1 });
topupSchema.index({ status: 1, expectedAvailableAt: 1 });

export function topupModel(connection: Connection) {
  return connection.model<TopupRecord>('Topup', topupSchema);
}
