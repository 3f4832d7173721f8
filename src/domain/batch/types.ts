import type { ApprovableRequest, SlackMessageRef, StripeFailure } from '../requests/types';

/**
 * `requested → approved → running ⇄ paused → completed`, or `requested → rejected | expired`
 * (nobody decided within REQUEST_EXPIRY_DAYS of the request; see expire-runs.ts), or
 * `requested | paused → canceled` (see cancel-run.ts).
 * Every change is a compare-and-set on the expected status (src/db/repositories/payout-runs.ts).
 */
export type PayoutRunStatus =
  | 'requested'
  | 'approved'
  | 'running'
  | 'paused'
  | 'completed'
  | 'rejected'
  | 'expired'
  | 'canceled';

/** Where an amount comes from: the `amount` column as typed, or `revenue` × the run's share. */
export type AmountBasis = 'amount' | 'revenue';

/** One payable line, parsed and resolved before anything moves; never changed afterwards. */
export type PayoutRunLine = {
  /** The line of the CSV (1 = the header), the `<line>` of the idempotency key `batch:<runId>:<line>`. */
  line: number;
  /** What the CSV said in the writer column (a mention, id, email, handle, name or `acct_…`). */
  writerInput: string;
  writerId: string;
  writerSlackUserId: string;
  /** The writer's `acct_…` at request time. */
  destination: string;
  amountCents: number;
  /** The `revenue` cell in cents when the basis is revenue, else null. */
  revenueCents: number | null;
  memo: string;
};

export type SkipReason =
  | 'unknown_writer'
  | 'ambiguous_writer'
  | 'not_connected'
  | 'restricted'
  | 'invalid_amount'
  | 'duplicate_writer'
  | 'invalid_memo'
  | 'invalid_line';

export type SkippedLine = {
  line: number;
  writerInput: string;
  /** The amount (or revenue) cell as typed, for the lines view; absent on runs from before it. */
  amount?: string;
  reason: SkipReason;
  detail: string;
};

/** Why a run stopped before its end, and what it takes to go on. */
export type RunPause = {
  reason: 'balance_insufficient' | 'stripe_unavailable';
  at: Date;
  /** Cents the lines still to pay need. */
  neededCents: number;
  availableCents: number | null;
  pendingCents: number | null;
  /** neededCents − available, when the balance was known. */
  missingCents: number | null;
  nextTopup: { ref: string; amountCents: number; expectedAvailableAt: Date } | null;
  /** For `stripe_unavailable`: Stripe's last error. */
  failure: StripeFailure | null;
};

/** Counts shown on the progress message; recomputed from the transfers collection at the end. */
export type RunProgress = {
  paidLines: number;
  paidCents: number;
  failedLines: number;
  failedCents: number;
  /** Lines whose transfer has not reached paid or failed yet. */
  openLines: number;
};

export type PendingTopupNote = { ref: string; amountCents: number; expectedAvailableAt: Date | null };

export type BalanceAtRequest = {
  availableCents: number;
  pendingCents: number;
  pendingTopups: PendingTopupNote[];
};

/** A new attempt for a line whose last attempt failed for lack of balance, authorised by Resume. */
export type RetryPlanEntry = { line: number; attempt: number };

export type PayoutRun = ApprovableRequest & {
  status: PayoutRunStatus;
  currency: 'usd';
  idempotencyKey: string;
  basis: AmountBasis;
  /** As typed in the modal, normalised (`12.5`), when the basis is revenue. */
  sharePercent: string | null;
  /** The share in parts per million of the revenue (12.5 % → 125000), when the basis is revenue. */
  sharePpm: number | null;
  defaultMemo: string;
  source: 'slack_modal' | 'api';
  sourceBytes: number;
  lines: PayoutRunLine[];
  skipped: SkippedLine[];
  lineCount: number;
  skippedCount: number;
  /** The first skipped lines, for the message (the full list is in `skipped`). */
  skippedPreview: SkippedLine[];
  skippedByReason: Partial<Record<SkipReason, number>>;
  /** The balance and top-ups in flight when the run was requested, for the preview. */
  balanceAtRequest: BalanceAtRequest | null;
  slackMessage: SlackMessageRef | null;
  failure: StripeFailure | null;
  /** Which process drives the run; it expires, so a crashed process's run is picked up again. */
  lease: { holder: string | null; expiresAt: Date };
  startedAt: Date | null;
  pause: RunPause | null;
  resumedAt: Date | null;
  resumedBy: string | null;
  retryPlan: RetryPlanEntry[];
  /**
   * How many times the run paused: Resume and Cancel decide from what they read of one pause, and
   * their compare-and-set holds only if it is still that pause (not a later one after a Resume).
   */
  pauseCount?: number;
  completedAt: Date | null;
  /** Who cancelled it (waiting or paused), when, and how much of the daily cap that gave back. */
  cancellation?: { userId: string; at: Date; unpaidLines: number; releasedCents: number } | null;
  progress: RunProgress | null;
  /** The summary and results CSV are posted once the run completed: `pending` until they are. */
  summaryState: 'none' | 'pending' | 'posted';
  resultsFileId: string | null;
};

/** A run without its (possibly 10,000) lines, for messages and status checks. */
export type PayoutRunHeader = Omit<PayoutRun, 'lines' | 'skipped'>;

export const SKIP_REASON_LABEL: Record<SkipReason, string> = {
  unknown_writer: 'unknown writer',
  ambiguous_writer: 'ambiguous name',
  not_connected: 'not connected to Stripe',
  restricted: 'restricted by Stripe',
  invalid_amount: 'invalid amount',
  duplicate_writer: 'duplicate writer',
  invalid_memo: 'memo too long',
  invalid_line: 'unreadable line',
};
