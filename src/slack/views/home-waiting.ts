import type { ConfirmationDialog, KnownBlock } from '@slack/types';
import type { WaitingForYou } from '../../domain/home/finance-home';
import { type WaitingKind, waitingKey } from '../../domain/requests/waiting';
import { ACTIONS } from '../ids';
import { reversalButtonValue } from '../reversal-value';
import { actions, button, context, section } from './blocks';
import { withConfirm } from './confirm';
import { mention, slackTime } from './escape';
import { plural } from './home-shared';
import {
  approveReversalConfirm,
  approveRunConfirm,
  approveTopupConfirm,
  approveTransferConfirm,
} from './money-confirms';
import { waitingSummary } from './waiting-words';

/** How many waiting requests get their own buttons; the rest are counted and pointed to. */
export const WAITING_SHOWN = 15;

/** The same action ids as the channel message's buttons, so a click from Home takes the same guarded path. */
const BUTTONS: Record<WaitingKind, { approve: [string, string]; reject: [string, string] }> = {
  topup: { approve: ['Approve', ACTIONS.approveTopup], reject: ['Reject', ACTIONS.rejectTopup] },
  transfer: { approve: ['Approve', ACTIONS.approveTransfer], reject: ['Reject', ACTIONS.rejectTransfer] },
  reversal: {
    approve: ['Approve reversal', ACTIONS.approveReversal],
    reject: ['Keep the payment', ACTIONS.rejectReversal],
  },
  payout_run: { approve: ['Approve', ACTIONS.approveBatch], reject: ['Reject', ACTIONS.rejectBatch] },
};

function progress(request: WaitingForYou): string {
  if (request.approvedBy.length === 0) {
    return request.requiredApprovals > 1
      ? `needs ${request.requiredApprovals} approvals`
      : 'needs one approval';
  }
  const missing = request.requiredApprovals - request.approvedBy.length;
  return `approved by ${request.approvedBy.map(mention).join(', ')} · needs ${missing === 1 ? 'one more' : `${missing} more`}`;
}

/** The channel message's own dialogs (money-confirms.ts), filled from the waiting request. */
function approveConfirm(request: WaitingForYou): ConfirmationDialog | undefined {
  const { ref, amountCents, requiredApprovals, attempt, note } = request;
  const writerName = request.payeeName;
  switch (request.kind) {
    case 'topup':
      return approveTopupConfirm({ ref, amountCents, description: note, requiredApprovals });
    case 'transfer':
      return approveTransferConfirm({ ref, amountCents, memo: note, requiredApprovals, attempt, writerName });
    case 'reversal':
      return approveReversalConfirm({
        ref,
        attempt,
        writerName,
        amountCents: request.paidCents ?? 0,
        reversalRequest: { amountCents, reason: note },
      });
    case 'payout_run':
      return approveRunConfirm({ ref, amountCents, requiredApprovals, lineCount: request.lineCount ?? 0 });
  }
}

/** One waiting request: what it is, who asked and when, how long it has left, and its two buttons. */
export function waitingItem(request: WaitingForYou): KnownBlock[] {
  const expires = request.expiresAt ? ` · expires ${slackTime(request.expiresAt)}` : '';
  const { approve, reject } = BUTTONS[request.kind];
  // A reversal's buttons name the reversal request shown, not just its transfer.
  const value =
    request.kind === 'reversal' && request.requestKey
      ? reversalButtonValue(request.id, request.requestKey)
      : request.id;
  return [
    section(
      `${waitingSummary(request)}\nRequested by ${mention(request.requestedBy)} ${slackTime(request.requestedAt)} · ${progress(request)}${expires}`,
    ),
    actions(
      `home_waiting:${waitingKey(request)}`,
      withConfirm(button(approve[0], approve[1], value, 'primary'), approveConfirm(request)),
      button(reject[0], reject[1], value, request.kind === 'reversal' ? undefined : 'danger'),
    ),
  ];
}

/** "Waiting for you": each request with its buttons, the first WAITING_SHOWN of `total` (the list's length by default). */
export function waitingBlocks(waiting: WaitingForYou[], total = waiting.length): KnownBlock[] {
  if (waiting.length === 0) return [context('Nothing is waiting for your approval.')];
  const blocks = waiting.slice(0, WAITING_SHOWN).flatMap(waitingItem);
  const hidden = Math.max(total, waiting.length) - Math.min(waiting.length, WAITING_SHOWN);
  if (hidden > 0) {
    blocks.push(
      context(
        `${plural(hidden, 'more request')} waiting for you, oldest first above: \`/payouts pending\` lists more.`,
      ),
    );
  }
  return blocks;
}
