import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import type { Transfer, TransferReversal } from '../../domain/transfers/types';
import type { BalanceSummary } from '../../stripe/gateway';
import { ACTIONS } from '../ids';
import { reversalButtonValue } from '../reversal-value';
import { actions, button, context, type SlackMessage, section } from './blocks';
import { withConfirm } from './confirm';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { approveReversalConfirm, approveTransferConfirm } from './money-confirms';
import { approvalCapacityLine, approvalLine, balanceLine } from './request-lines';
import { transferStatusWords } from './status-words';

function failureLine(transfer: Transfer): string {
  if (transfer.failure?.code === 'balance_insufficient') {
    const s = transfer.shortfall;
    if (!s) return ':warning: *Failed: not enough available balance.* Top up, then Retry.';
    const pending = s.nextTopup
      ? `; ${formatCents(s.pendingCents)} is pending, ${formatCents(s.nextTopup.amountCents)} of it from ${s.nextTopup.ref}, expected ${format(s.nextTopup.expectedAvailableAt, 'EEE, MMM d')}`
      : s.pendingCents > 0
        ? `; ${formatCents(s.pendingCents)} is pending`
        : '; nothing is pending, so request a top-up first';
    return `:warning: *Failed: not enough available balance.* Available ${formatCents(s.availableCents)}, needed ${formatCents(transfer.amountCents)}${pending}. Retry once it has settled.`;
  }
  return `:warning: *Failed at Stripe:* ${escapeMrkdwn(transfer.failure?.message ?? 'Stripe refused it.')} (\`${escapeMrkdwn(transfer.failure?.code ?? 'unknown')}\`). No money moved.`;
}

function outcomeLine(transfer: Transfer): string | undefined {
  switch (transfer.status) {
    case 'approved':
    case 'submitting':
      return 'Sending to Stripe now…';
    case 'paid':
      return `Paid ${transfer.paidAt ? slackTime(transfer.paidAt) : ''} · Stripe transfer \`${transfer.stripeTransferId}\``;
    case 'reversed':
      return `Stripe transfer \`${transfer.stripeTransferId}\` was reversed in full (${formatCents(transfer.amountReversedCents)} back in the balance).`;
    case 'failed':
      return `${failureLine(transfer)}${transfer.retriedBy ? ' · Retried.' : ''}`;
    case 'rejected':
      return transfer.rejection
        ? `Rejected by ${mention(transfer.rejection.userId)} ${slackTime(transfer.rejection.at)}: ${escapeMrkdwn(transfer.rejection.reason)}`
        : 'Rejected.';
    case 'expired':
      return 'Nobody decided in time, so it expired. Request it again if it is still needed.';
    default:
      return undefined;
  }
}

/** One reversal Stripe made, kept on the card: how much, when, why, who asked and who approved. */
function reversalLine(reversal: TransferReversal): string {
  const who = [
    reversal.requestedBy ? `asked by ${mention(reversal.requestedBy)}` : undefined,
    reversal.approvedBy ? `approved by ${mention(reversal.approvedBy)}` : undefined,
  ].filter(Boolean);
  return `:leftwards_arrow_with_hook: ${formatCents(reversal.amountCents)} reversed ${slackTime(reversal.at)}${
    reversal.reason ? `: ${escapeMrkdwn(reversal.reason)}` : ''
  }${who.length > 0 ? ` · ${who.join(', ')}` : ''}`;
}

/** The finance channel message for a transfer request, at whatever point of its life it is. */
export function transferMessage(
  transfer: Transfer,
  options: { balance?: BalanceSummary; writerReady?: boolean } = {},
): SlackMessage {
  const amount = formatCents(transfer.amountCents);
  const heading =
    transfer.status === 'requested'
      ? `*Transfer request ${transfer.ref} · ${amount} to ${mention(transfer.writerSlackUserId)}*`
      : `*${transfer.ref} ${transferStatusWords(transfer)}* · ${amount} to ${mention(transfer.writerSlackUserId)}`;
  const lines = [
    `${heading}${transfer.memo ? ` — memo: ${escapeMrkdwn(transfer.memo)}` : ''}`,
    `Requested by ${mention(transfer.requestedBy.userId)} · ${approvalLine(transfer)}${transfer.retryOf ? ` · attempt ${transfer.attempt}` : ''}`,
  ];
  const capacity = approvalCapacityLine(transfer);
  if (capacity) lines.push(capacity);
  if (transfer.status === 'requested') {
    const ready =
      options.writerReady === false ? 'cannot receive transfers right now' : 'can receive transfers';
    lines.push(
      `The writer's Stripe account \`${transfer.destination}\` ${ready}${options.balance ? ` · ${balanceLine(options.balance)}` : ''}`,
    );
  }
  const outcome = outcomeLine(transfer);
  if (outcome) lines.push(outcome);
  lines.push(...transfer.reversals.map(reversalLine));
  const reversal = transfer.reversalRequest;
  if (transfer.status === 'paid' && reversal) {
    lines.push(
      `:leftwards_arrow_with_hook: Reversal of ${formatCents(reversal.amountCents)} requested by ${mention(reversal.requestedBy)}: ${escapeMrkdwn(
        reversal.reason,
      )} · needs approval from someone else in finance`,
    );
  }
  const blocks: SlackMessage['blocks'] = [section(lines.join('\n'))];
  if (transfer.status === 'requested') {
    blocks.push(
      actions(
        `transfer:${transfer.id}`,
        withConfirm(
          button('Approve', ACTIONS.approveTransfer, transfer.id, 'primary'),
          approveTransferConfirm(transfer),
        ),
        button('Reject', ACTIONS.rejectTransfer, transfer.id, 'danger'),
      ),
    );
  } else if (transfer.status === 'paid' && transfer.reversalRequest) {
    const value = reversalButtonValue(transfer.id, transfer.reversalRequest.idempotencyKey);
    blocks.push(
      actions(
        `transfer:${transfer.id}`,
        withConfirm(
          button('Approve reversal', ACTIONS.approveReversal, value, 'danger'),
          approveReversalConfirm(transfer),
        ),
        button('Keep the payment', ACTIONS.rejectReversal, value),
      ),
    );
  } else if (transfer.status === 'paid' && transfer.amountReversedCents < transfer.amountCents) {
    blocks.push(actions(`transfer:${transfer.id}`, button('Reverse…', ACTIONS.reverseTransfer, transfer.id)));
  } else if (transfer.status === 'failed' && !transfer.retriedBy) {
    blocks.push(
      actions(`transfer:${transfer.id}`, button('Retry', ACTIONS.retryTransfer, transfer.id, 'primary')),
    );
  }
  const words = transferStatusWords(transfer);
  blocks.push(context(`${transfer.ref} · ${amount} · ${words}`));
  return { text: `${transfer.ref} · transfer of ${amount} · ${words}`, blocks };
}

/** The writer's DM when money arrives. */
export function writerPaidMessage(transfer: Transfer): SlackMessage {
  const memo = transfer.memo ? ` — ${escapeMrkdwn(transfer.memo)}` : '';
  const text = `You were paid *${formatCents(transfer.amountCents)}*${memo}. It reaches your bank on your Stripe payout schedule.`;
  return {
    text: `You were paid ${formatCents(transfer.amountCents)}${memo}`,
    blocks: [section(text), context('See it in your Stripe dashboard any time with `/payouts dashboard`.')],
  };
}

export function transferReversedAlert(transfer: Transfer, reversedCents: number): SlackMessage {
  const text = `:leftwards_arrow_with_hook: *${transfer.ref} reversed* — ${formatCents(reversedCents)} of ${formatCents(
    transfer.amountCents,
  )} to ${mention(transfer.writerSlackUserId)} came back to the platform balance.`;
  return { text: `${transfer.ref} reversed: ${formatCents(reversedCents)}`, blocks: [section(text)] };
}

/** The writer's DM when money is taken back: how much, of which payment, and the reason finance gave. */
export function writerReversedMessage(
  transfer: Transfer,
  reversal: { stripeReversalId: string; amountCents: number },
): SlackMessage {
  const memo = transfer.memo ? ` (${escapeMrkdwn(transfer.memo)})` : '';
  const reason = transfer.reversals.find((r) => r.stripeReversalId === reversal.stripeReversalId)?.reason;
  const why = reason ? ` The reason given: ${escapeMrkdwn(reason)}` : '';
  const text = `${formatCents(reversal.amountCents)} of your ${formatCents(transfer.amountCents)} payment${memo} was reversed by the platform.${why}${
    why && !/[.!?]$/.test(why) ? '.' : ''
  } Ask the finance team if you have questions.`;
  return { text, blocks: [section(text)] };
}
