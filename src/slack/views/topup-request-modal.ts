import type { ModalView } from '@slack/types';
import {
  DEFAULT_STATEMENT_DESCRIPTOR,
  STATEMENT_DESCRIPTOR_MAX,
} from '../../domain/topups/statement-descriptor';
import { VIEWS } from '../ids';

export const TOPUP_FIELDS = {
  amount: { block: 'amount', input: 'amount_input' },
  description: { block: 'description', input: 'description_input' },
  statementDescriptor: { block: 'statement_descriptor', input: 'statement_descriptor_input' },
} as const;

export function topupRequestModal(): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.topupRequest,
    title: { type: 'plain_text', text: 'Request a top-up' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: TOPUP_FIELDS.amount.block,
        label: { type: 'plain_text', text: 'Amount (USD)' },
        hint: { type: 'plain_text', text: 'Like 2000 or $1,250.50' },
        element: { type: 'plain_text_input', action_id: TOPUP_FIELDS.amount.input },
      },
      {
        type: 'input',
        block_id: TOPUP_FIELDS.description.block,
        optional: true,
        label: { type: 'plain_text', text: 'Description' },
        element: { type: 'plain_text_input', action_id: TOPUP_FIELDS.description.input, max_length: 200 },
      },
      {
        type: 'input',
        block_id: TOPUP_FIELDS.statementDescriptor.block,
        optional: true,
        label: { type: 'plain_text', text: 'Statement descriptor' },
        hint: {
          type: 'plain_text',
          text: `Shown on the bank statement; at most ${STATEMENT_DESCRIPTOR_MAX} characters. Default: ${DEFAULT_STATEMENT_DESCRIPTOR}`,
        },
        element: {
          type: 'plain_text_input',
          action_id: TOPUP_FIELDS.statementDescriptor.input,
          max_length: STATEMENT_DESCRIPTOR_MAX,
        },
      },
    ],
  };
}
