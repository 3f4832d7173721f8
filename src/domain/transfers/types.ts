import type { ApprovableRequest, SlackMessageRef, StripeFailure } from '../requests/types';

export type TransferStatus =
  | 'requested'
  | 'approved'
  | 'submitting'
  | 'paid'
  | 'failed'
  | 'reversed'
  | 'rejected'
  | 'expired';

/** What finance needs to fix a `balance_insufficient` failure. */
export type BalanceShortfall = {
  availableCents: number;
  pendingCents: number;
  nextTopup: { ref: string; amountCents: number; expectedAvailableAt: Date } | null;
};

export type TransferReversal = {
  stripeReversalId: string;
  amountCents: number;
  reason: string;
  requestedBy: string | null;
  approvedBy: string | null;
  at: Date;
  /**
   * False from recording until its alert and the writer's DM are queued (so a crash in between
   * is mended); absent on reversals recorded before this was kept, which were announced then.
   */
  announced?: boolean;
};

/** A reversal asked for in Slack, waiting for a second finance user (four eyes again). */
export type ReversalRequest = {
  amountCents: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  /** Stored before the Stripe call, like every key that moves money. */
  idempotencyKey: string;
  /** When the current key was issued, if it replaced another (see requests/key-window.ts). */
  keyIssuedAt?: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
};

export type Transfer = ApprovableRequest & {
  status: TransferStatus;
  currency: 'usd';
  writerId: string;
  writerSlackUserId: string;
  /** What Slack called the writer when it was requested: for plain-text places (confirm dialogs). */
  writerName?: string | null;
  destination: string;
  memo: string;
  idempotencyKey: string;
  /** When the current key was issued, if it replaced another (see requests/key-window.ts). */
  keyIssuedAt?: Date | null;
  /** The key it was created with; stays unique after a renewal (see requests/key-window.ts). */
  originKey?: string;
  /** Stripe's transfer_group: the id of the first attempt, shared by its retries. */
  transferGroup: string;
  attempt: number;
  retryOf: string | null;
  retriedBy: string | null;
  stripeTransferId: string | null;
  failure: StripeFailure | null;
  shortfall: BalanceShortfall | null;
  slackMessage: SlackMessageRef | null;
  submittedAt: Date | null;
  paidAt: Date | null;
  /** Whether the writer's "you were paid" DM went out (the reconciler resends it if not). */
  writerNotified: boolean;
  amountReversedCents: number;
  reversals: TransferReversal[];
  reversalRequest: ReversalRequest | null;
  batchId: string | null;
  line: number | null;
};

export const TRANSFER_RANK: Record<TransferStatus, number> = {
  requested: 0,
  approved: 1,
  submitting: 2,
  paid: 3,
  failed: 3,
  reversed: 4,
  rejected: 9,
  expired: 9,
};
