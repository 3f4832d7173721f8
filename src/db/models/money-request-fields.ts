import { Schema } from 'mongoose';

/** Fields every approvable request stores (top-ups, transfers, payout runs). */
export const slackUserRefSchema = new Schema({ teamId: String, userId: String }, { _id: false });
export const slackMessageRefSchema = new Schema({ channel: String, ts: String }, { _id: false });
export const approvalSchema = new Schema({ userId: String, at: Date, audited: Boolean }, { _id: false });
export const rejectionSchema = new Schema({ userId: String, at: Date, reason: String }, { _id: false });
export const stripeFailureSchema = new Schema({ code: String, message: String }, { _id: false });

export const approvableRequestFields = {
  ref: { type: String, required: true },
  amountCents: { type: Number, required: true },
  status: { type: String, required: true },
  requestedBy: { type: slackUserRefSchema, required: true },
  requestedAt: { type: Date, required: true },
  requiredApprovals: { type: Number, required: true },
  approvals: { type: [approvalSchema], default: [] },
  rejection: { type: rejectionSchema, default: null },
  decidedAt: { type: Date, default: null },
  eligibleApprovers: { type: [String], default: undefined },
  idempotencyKey: { type: String, required: true },
  slackMessage: { type: slackMessageRefSchema, default: null },
  failure: { type: stripeFailureSchema, default: null },
  updatedAt: { type: Date, required: true },
};
