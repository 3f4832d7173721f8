import type { ModalView } from '@slack/types';
import { VIEWS } from '../ids';

export const REJECT_REASON_BLOCK = 'reason';
export const REJECT_REASON_INPUT = 'reason_input';

export type RejectTarget = { kind: 'topup' | 'transfer'; id: string };

/** Asks why, so the requester learns the reason; the target travels in private_metadata. */
export function rejectReasonModal(target: RejectTarget, ref: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.rejectReason,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: `Reject ${ref}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Keep it' },
    blocks: [
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Why are you rejecting it?' },
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_INPUT,
          multiline: true,
          max_length: 500,
        },
      },
    ],
  };
}
