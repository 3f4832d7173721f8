import { type Connection, Schema, type Types } from 'mongoose';
import type { Transfer } from '../../domain/transfers/types';
import { approvableRequestFields } from './money-request-fields';
import { countStateChanges } from './state-version';

export type TransferRecord = Omit<Transfer, 'id'> & { _id: Types.ObjectId; updatedAt: Date };

const reversalSchema = new Schema(
  {
    stripeReversalId: String,
    amountCents: Number,
    reason: String,
    requestedBy: String,
    approvedBy: String,
    at: Date,
    announced: Boolean,
  },
  { _id: false },
);

const transferSchema = new Schema<TransferRecord>(
  {
    ...approvableRequestFields,
    currency: { type: String, required: true },
    writerId: { type: String, required: true },
    writerSlackUserId: { type: String, required: true },
    writerName: { type: String, default: null },
    destination: { type: String, required: true },
    memo: { type: String, default: '' },
    transferGroup: { type: String, required: true },
    attempt: { type: Number, required: true, default: 1 },
    retryOf: { type: String, default: null },
    retriedBy: { type: String, default: null },
    stripeTransferId: { type: String, default: null },
    shortfall: { type: Schema.Types.Mixed, default: null },
    submittedAt: { type: Date, default: null },
    keyIssuedAt: { type: Date, default: null },
    originKey: { type: String },
    paidAt: { type: Date, default: null },
    writerNotified: { type: Boolean, required: true, default: false },
    amountReversedCents: { type: Number, required: true, default: 0 },
    reversals: { type: [reversalSchema], default: [] },
    reversalRequest: { type: Schema.Types.Mixed, default: null },
    batchId: { type: String, default: null },
    line: { type: Number, default: null },
  },
  { collection: 'transfers', versionKey: false, minimize: false },
);
countStateChanges(transferSchema);
transferSchema.index({ idempotencyKey: 1 }, { unique: true });
// The key a transfer was created with stays taken after its key is renewed, so a second
// document for the same line or retry can never be created (older documents have none).
transferSchema.index({ originKey: 1 }, { unique: true, sparse: true });
// A retry keeps its request's reference (TR-0003, attempt 2): unique per attempt. The former
// unique { ref } index is dropped at start-up (see RETIRED_UNIQUE_INDEXES in db/connection.ts).
transferSchema.index({ ref: 1, attempt: 1 }, { unique: true });
// The reconciler's queries: listByStatus(statuses, {olderThan}), paidWithoutNotice, reversalsApprovedBefore.
transferSchema.index({ status: 1, updatedAt: 1 });
transferSchema.index({ status: 1, writerNotified: 1, updatedAt: 1 });
// The reconciler's unannouncedReversals.
transferSchema.index({ 'reversals.announced': 1, updatedAt: 1 });
transferSchema.index({ status: 1, 'reversalRequest.approvedAt': 1 });
transferSchema.index({ batchId: 1, line: 1 });
transferSchema.index({ writerId: 1, requestedAt: -1 });
// A person's own requests, newest first, on their App Home (db/repositories/own-requests.ts).
transferSchema.index({ 'requestedBy.userId': 1, requestedAt: -1 });
transferSchema.index({ stripeTransferId: 1 });
transferSchema.index({ 'approvals.audited': 1 });
transferSchema.index({ status: 1, batchId: 1, updatedAt: 1 });
// The tax year's sums (domain/tax): transfers by when they were paid, reversals by when they were made.
transferSchema.index({ paidAt: 1 });
transferSchema.index({ 'reversals.at': 1 });

export function transferModel(connection: Connection) {
  return connection.model<TransferRecord>('Transfer', transferSchema);
}
