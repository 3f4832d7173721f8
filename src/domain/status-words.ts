import { formatCents } from './money';

/**
 * The one mapping from a stored status to the words people read, for every surface: request
 * cards, `/payouts pending` and `history`, App Home, exports and the errors use cases raise.
 * Top-ups, transfers and payout runs share status names with one meaning each, so one table
 * serves them all; nobody ever reads `submitting` or `succeeded`.
 */
export const STATUS_WORDS = {
  requested: 'waiting for approval',
  approved: 'approved',
  submitting: 'sending to Stripe',
  pending: 'pending at Stripe',
  succeeded: 'settled',
  paid: 'paid',
  failed: 'failed',
  canceled: 'cancelled',
  reversed: 'reversed',
  rejected: 'rejected',
  expired: 'expired',
  running: 'running',
  paused: 'paused',
  completed: 'completed',
} as const;

export type KnownStatus = keyof typeof STATUS_WORDS;

/** Words for any status; one this table does not know is said as "in progress", never raw. */
export function statusWords(status: string): string {
  return (STATUS_WORDS as Record<string, string>)[status] ?? 'in progress';
}

/**
 * A transfer's status with what was reversed of it: "paid, $4.50 of $9.00 reversed" for a partial
 * reversal, "reversed" once all of it came back.
 */
export function transferStatusWords(transfer: {
  status: string;
  amountCents: number;
  amountReversedCents: number;
}): string {
  const words = statusWords(transfer.status);
  if (transfer.status !== 'paid' || transfer.amountReversedCents <= 0) return words;
  return `${words}, ${formatCents(transfer.amountReversedCents)} of ${formatCents(transfer.amountCents)} reversed`;
}

/** "TR-0003" for a first attempt, "TR-0003 (attempt 2)" for a retry: the reference people search for. */
export function refWithAttempt(request: { ref: string; attempt?: number }): string {
  return request.attempt && request.attempt > 1 ? `${request.ref} (attempt ${request.attempt})` : request.ref;
}
