import { type Connection, Schema, type Types } from 'mongoose';
import type { PayoutRun } from '../../domain/batch/types';
import { approvableRequestFields, stripeFailureSchema } from './money-request-fields';

export type PayoutRunRecord = Omit<PayoutRun, 'id'> & { _id: Types.ObjectId; updatedAt: Date };

export const lineSchema = new Schema(
  {
    line: { type: Number, required: true },
    writerInput: { type: String, default: '' },
    writerId: { type: String, required: true },
    writerSlackUserId: { type: String, required: true },
    destination: { type: String, required: true },
    amountCents: { type: Number, required: true },
    revenueCents: { type: Number, default: null },
    memo: { type: String, default: '' },
  },
  { _id: false },
);

export const skippedSchema = new Schema(
  { line: Number, writerInput: String, amount: String, reason: String, detail: String },
  { _id: false },
);

const leaseSchema = new Schema(
  { holder: { type: String, default: null }, expiresAt: { type: Date, required: true } },
  { _id: false },
);

/** One document per payout run: its lines (as parsed, in cents) are stored before anything moves. */
const payoutRunSchema = new Schema<PayoutRunRecord>(
  {
    ...approvableRequestFields,
    currency: { type: String, required: true },
    basis: { type: String, required: true },
    sharePercent: { type: String, default: null },
    sharePpm: { type: Number, default: null },
    defaultMemo: { type: String, default: '' },
    source: { type: String, required: true },
    sourceBytes: { type: Number, required: true },
    lines: { type: [lineSchema], default: [] },
    skipped: { type: [skippedSchema], default: [] },
    lineCount: { type: Number, required: true },
    skippedCount: { type: Number, required: true },
    skippedPreview: { type: [skippedSchema], default: [] },
    skippedByReason: { type: Schema.Types.Mixed, default: {} },
    balanceAtRequest: { type: Schema.Types.Mixed, default: null },
    failure: { type: stripeFailureSchema, default: null },
    lease: { type: leaseSchema, required: true },
    startedAt: { type: Date, default: null },
    pause: { type: Schema.Types.Mixed, default: null },
    resumedAt: { type: Date, default: null },
    resumedBy: { type: String, default: null },
    retryPlan: { type: Schema.Types.Mixed, default: [] },
    pauseCount: { type: Number, default: 0 },
    completedAt: { type: Date, default: null },
    cancellation: { type: Schema.Types.Mixed, default: null },
    progress: { type: Schema.Types.Mixed, default: null },
    summaryState: { type: String, required: true, default: 'none' },
    resultsFileId: { type: String, default: null },
  },
  { collection: 'payoutRuns', versionKey: false, minimize: false },
);
payoutRunSchema.index({ idempotencyKey: 1 }, { unique: true });
payoutRunSchema.index({ ref: 1 }, { unique: true });
payoutRunSchema.index({ status: 1 });
payoutRunSchema.index({ 'approvals.audited': 1 });

export function payoutRunModel(connection: Connection) {
  return connection.model<PayoutRunRecord>('PayoutRun', payoutRunSchema);
}
