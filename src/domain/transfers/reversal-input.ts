import { PaydeskError } from '../errors';
import { formatCents, parseAmountCents } from '../money';
import { quoteInput } from '../mrkdwn';
import { REJECTION_REASON_MAX } from '../requests/reject-request';
import type { Transfer } from './types';

/** A reversal form's input that can't be used, with the field it concerns (shown next to it). */
export class ReversalInputError extends PaydeskError {
  constructor(
    code: string,
    message: string,
    readonly field: 'amount' | 'reason',
  ) {
    super(code, message);
  }
}

export function remainingCents(transfer: Pick<Transfer, 'amountCents' | 'amountReversedCents'>): number {
  return transfer.amountCents - transfer.amountReversedCents;
}

/**
 * How much to reverse (all that is left when empty) and why, checked against what is left of
 * the transfer now. Pure, so the form can answer in its ack and the use case checks it again.
 */
export function validateReversal(
  transfer: Transfer,
  input: { amountText: string; reason: string },
): { amountCents: number; reason: string } {
  const remaining = remainingCents(transfer);
  const amount =
    input.amountText.trim() === ''
      ? { ok: true as const, cents: remaining }
      : parseAmountCents(input.amountText);
  if (!amount.ok)
    throw new ReversalInputError(
      'reversal_invalid',
      `${quoteInput(input.amountText)} ${amount.reason}. Nothing was changed.`,
      'amount',
    );
  if (amount.cents > remaining) {
    throw new ReversalInputError(
      'reversal_too_large',
      `Only ${formatCents(remaining)} of ${transfer.ref} can still be reversed. Nothing was changed.`,
      'amount',
    );
  }
  const reason = input.reason.trim();
  if (reason === '' || reason.length > REJECTION_REASON_MAX) {
    throw new ReversalInputError(
      'reason_missing',
      `Say why (up to ${REJECTION_REASON_MAX} characters); the writer will see it.`,
      'reason',
    );
  }
  return { amountCents: amount.cents, reason };
}
