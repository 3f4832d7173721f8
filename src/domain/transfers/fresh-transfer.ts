import type { Transfer } from './types';

type Given = Pick<
  Transfer,
  | 'amountCents'
  | 'status'
  | 'requestedBy'
  | 'requestedAt'
  | 'requiredApprovals'
  | 'approvals'
  | 'decidedAt'
  | 'writerId'
  | 'writerSlackUserId'
  | 'destination'
  | 'memo'
> &
  Partial<Pick<Transfer, 'attempt' | 'retryOf' | 'batchId' | 'line' | 'slackMessage' | 'writerName'>>;

/** A transfer that nothing has happened to yet: no Stripe id, no failure, no reversal, no news sent. */
export function freshTransfer(
  given: Given,
): Omit<Transfer, 'id' | 'ref' | 'idempotencyKey' | 'transferGroup' | 'updatedAt'> {
  return {
    currency: 'usd',
    rejection: null,
    attempt: 1,
    retryOf: null,
    retriedBy: null,
    stripeTransferId: null,
    failure: null,
    shortfall: null,
    slackMessage: null,
    submittedAt: null,
    paidAt: null,
    writerNotified: false,
    amountReversedCents: 0,
    reversals: [],
    reversalRequest: null,
    batchId: null,
    line: null,
    ...given,
  };
}
