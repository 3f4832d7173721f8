import type { ModalView } from '@slack/types';
import { MAX_RUN_LINES } from '../../domain/batch/csv';
import { MEMO_MAX } from '../../domain/transfers/request-transfer';
import { VIEWS } from '../ids';

/** Slack caps a plain_text_input at 3,000 characters: about 50–80 CSV lines fit in the form. */
export const SLACK_TEXT_INPUT_MAX = 3000;

export const BATCH_FIELDS = {
  csv: { block: 'batch_csv', input: 'batch_csv_input' },
  share: { block: 'batch_share', input: 'batch_share_input' },
  memo: { block: 'batch_memo', input: 'batch_memo_input' },
} as const;

export const BATCH_REJECT_BLOCK = 'batch_reject_reason';
export const BATCH_REJECT_INPUT = 'batch_reject_reason_input';

/** `/payouts batch`: paste a CSV, say the revenue share (for a `revenue` column), a default memo. */
export function batchRequestModal(): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.batchRequest,
    title: { type: 'plain_text', text: 'Payout run from CSV' },
    submit: { type: 'plain_text', text: 'Preview' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BATCH_FIELDS.csv.block,
        label: { type: 'plain_text', text: 'CSV' },
        hint: {
          type: 'plain_text',
          text: `First line: writer,amount,memo or writer,revenue,memo (memo optional). Writer = @mention, user id or email. Up to ${SLACK_TEXT_INPUT_MAX.toLocaleString('en-US')} characters here; a run holds at most ${MAX_RUN_LINES.toLocaleString('en-US')} lines.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: BATCH_FIELDS.csv.input,
          multiline: true,
          max_length: SLACK_TEXT_INPUT_MAX,
          placeholder: {
            type: 'plain_text',
            text: 'writer,revenue,memo\n<@U0123ABC>,1250.00,Answers for May',
          },
        },
      },
      {
        type: 'input',
        block_id: BATCH_FIELDS.share.block,
        optional: true,
        label: { type: 'plain_text', text: 'Revenue share (%)' },
        hint: {
          type: 'plain_text',
          text: 'For a revenue column: each line pays revenue × share, rounded half-up to the cent. Ignored for an amount column.',
        },
        element: {
          type: 'plain_text_input',
          action_id: BATCH_FIELDS.share.input,
          max_length: 12,
          placeholder: { type: 'plain_text', text: '12.5' },
        },
      },
      {
        type: 'input',
        block_id: BATCH_FIELDS.memo.block,
        optional: true,
        label: { type: 'plain_text', text: 'Default memo' },
        hint: {
          type: 'plain_text',
          text: 'Used for lines without a memo of their own; writers see it in their DM.',
        },
        element: { type: 'plain_text_input', action_id: BATCH_FIELDS.memo.input, max_length: MEMO_MAX },
      },
    ],
  };
}

export function batchRejectModal(runId: string, ref: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.batchReject,
    private_metadata: JSON.stringify({ id: runId }),
    title: { type: 'plain_text', text: `Reject ${ref}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Keep it' },
    blocks: [
      {
        type: 'input',
        block_id: BATCH_REJECT_BLOCK,
        label: { type: 'plain_text', text: 'Why are you rejecting it?' },
        element: {
          type: 'plain_text_input',
          action_id: BATCH_REJECT_INPUT,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  };
}
