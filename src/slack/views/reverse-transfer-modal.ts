import type { ModalView } from '@slack/types';
import { formatCents } from '../../domain/money';
import type { Transfer } from '../../domain/transfers/types';
import { VIEWS } from '../ids';

export const REVERSE_FIELDS = {
  amount: { block: 'amount', input: 'amount_input' },
  reason: { block: 'reason', input: 'reason_input' },
} as const;

/** How much to take back (all that is left by default) and why; the transfer id rides along. */
export function reverseTransferModal(transfer: Transfer): ModalView {
  const remaining = transfer.amountCents - transfer.amountReversedCents;
  return {
    type: 'modal',
    callback_id: VIEWS.reverseTransfer,
    private_metadata: transfer.id,
    title: { type: 'plain_text', text: `Reverse ${transfer.ref}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Ask for approval' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: REVERSE_FIELDS.amount.block,
        optional: true,
        label: { type: 'plain_text', text: 'Amount to reverse (USD)' },
        hint: {
          type: 'plain_text',
          text: `Leave empty to reverse all that is left: ${formatCents(remaining)}`,
        },
        element: { type: 'plain_text_input', action_id: REVERSE_FIELDS.amount.input },
      },
      {
        type: 'input',
        block_id: REVERSE_FIELDS.reason.block,
        label: { type: 'plain_text', text: 'Why? (the writer will see this)' },
        element: {
          type: 'plain_text_input',
          action_id: REVERSE_FIELDS.reason.input,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  };
}
