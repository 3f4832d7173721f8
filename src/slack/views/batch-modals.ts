import type { KnownBlock, ModalView } from '@slack/types';
import { MAX_CSV_BYTES, MAX_RUN_LINES } from '../../domain/batch/csv';
import { MEMO_MAX } from '../../domain/transfers/request-transfer';
import { VIEWS } from '../ids';
import { context, section } from './blocks';
import { escapeMrkdwn } from './escape';

/** Slack caps a plain_text_input at 3,000 characters: about 50–80 CSV lines can be pasted. */
export const SLACK_TEXT_INPUT_MAX = 3000;

export const BATCH_FIELDS = {
  file: { block: 'batch_file', input: 'batch_file_input' },
  csv: { block: 'batch_csv', input: 'batch_csv_input' },
  share: { block: 'batch_share', input: 'batch_share_input' },
  memo: { block: 'batch_memo', input: 'batch_memo_input' },
} as const;

export type BatchField = keyof typeof BATCH_FIELDS;

export const BATCH_REJECT_BLOCK = 'batch_reject_reason';
export const BATCH_REJECT_INPUT = 'batch_reject_reason_input';

const WRITER_NAMES =
  'Writer = @mention, @handle, name as in Slack, user id, email or Stripe account (acct_…).';

type FormState = {
  /** Problems found after the form was answered, shown under their field (Slack's own errors need the ack). */
  errors?: Partial<Record<BatchField, string>>;
  /** What was typed, kept when the form comes back with an error (a file must be chosen again). */
  values?: Partial<Record<Exclude<BatchField, 'file'>, string>>;
};

function problem(text: string | undefined): KnownBlock[] {
  return text ? [context(`:warning: ${escapeMrkdwn(text)}`)] : [];
}

/**
 * `/payouts batch`: upload a CSV file (or paste a small one), say the revenue share (for a
 * `revenue` column) and a default memo. Submitting shows a preview; nothing is posted yet.
 */
export function batchRequestModal(state: FormState = {}): ModalView {
  const { errors = {}, values = {} } = state;
  const initial = (value: string | undefined) => (value ? { initial_value: value } : {});
  return {
    type: 'modal',
    callback_id: VIEWS.batchRequest,
    title: { type: 'plain_text', text: 'Payout run from CSV' },
    submit: { type: 'plain_text', text: 'Preview' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BATCH_FIELDS.file.block,
        optional: true,
        label: { type: 'plain_text', text: 'CSV file' },
        hint: {
          type: 'plain_text',
          text: `First line: writer,amount,memo or writer,revenue,memo (memo optional); commas or semicolons, as Excel and Google Sheets export. ${WRITER_NAMES} Up to ${MAX_RUN_LINES.toLocaleString('en-US')} lines, ${MAX_CSV_BYTES / (1024 * 1024)} MB.`,
        },
        element: {
          type: 'file_input',
          action_id: BATCH_FIELDS.file.input,
          filetypes: ['csv', 'txt'],
          max_files: 1,
        },
      },
      ...problem(errors.file),
      {
        type: 'input',
        block_id: BATCH_FIELDS.csv.block,
        optional: true,
        label: { type: 'plain_text', text: '…or paste the CSV' },
        hint: {
          type: 'plain_text',
          text: `For a short run: up to ${SLACK_TEXT_INPUT_MAX.toLocaleString('en-US')} characters, same columns as the file.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: BATCH_FIELDS.csv.input,
          multiline: true,
          max_length: SLACK_TEXT_INPUT_MAX,
          placeholder: {
            type: 'plain_text',
            text: 'writer,revenue,memo\n@maya,1250.00,Answers for May',
          },
          ...initial(values.csv),
        },
      },
      ...problem(errors.csv),
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
          ...initial(values.share),
        },
      },
      ...problem(errors.share),
      {
        type: 'input',
        block_id: BATCH_FIELDS.memo.block,
        optional: true,
        label: { type: 'plain_text', text: 'Default memo' },
        hint: {
          type: 'plain_text',
          text: 'Used for lines without a memo of their own; writers see it in their DM.',
        },
        element: {
          type: 'plain_text_input',
          action_id: BATCH_FIELDS.memo.input,
          max_length: MEMO_MAX,
          ...initial(values.memo),
        },
      },
      ...problem(errors.memo),
    ],
  };
}

/** Shown while a big file is read and its writers resolved (the preview replaces it). */
export function batchCheckingModal(what: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.batchPreview,
    title: { type: 'plain_text', text: 'Payout run from CSV' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [section(`:hourglass_flowing_sand: Reading ${escapeMrkdwn(what)} and matching every writer…`)],
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
