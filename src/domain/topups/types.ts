import type { ApprovableRequest, SlackMessageRef, StripeFailure } from '../requests/types';

export type TopupStatus =
  | 'requested'
  | 'approved'
  | 'submitting'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'reversed'
  | 'rejected'
  | 'expired';

export type Topup = ApprovableRequest & {
  status: TopupStatus;
  currency: 'usd';
  description: string;
  statementDescriptor: string;
  idempotencyKey: string;
  /** When the current key was issued, if it replaced another (see requests/key-window.ts). */
  keyIssuedAt?: Date | null;
  stripeTopupId: string | null;
  expectedAvailableAt: Date;
  failure: StripeFailure | null;
  slackMessage: SlackMessageRef | null;
  submittedAt: Date | null;
  settledAt: Date | null;
  canceledBy: string | null;
  /** The last status the channel was alerted about; an alert is due while it differs. */
  alertedStatus: string | null;
};

/**
 * Forward-only order of a top-up's life. A webhook may only move a top-up to a later rank,
 * so late, duplicate or reordered events never undo what is known.
 */
export const TOPUP_RANK: Record<TopupStatus, number> = {
  requested: 0,
  approved: 1,
  submitting: 2,
  pending: 3,
  succeeded: 4,
  failed: 4,
  canceled: 4,
  reversed: 5,
  rejected: 9,
  expired: 9,
};
