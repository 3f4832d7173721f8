import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import type { Transfer } from '../../domain/transfers/types';
import type { BalanceSummary } from '../../stripe/gateway';
import { ACTIONS } from '../ids';
import { actions, button, context, type SlackMessage, section } from './blocks';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { approvalCapacityLine, approvalLine, balanceLine } from './request-lines';

const STATUS_TITLE: Record<Transfer['status'], string> = {
  requested: 'waiting for approval',
  approved: 'approved, sending to Stripe',
  submitting: 'sending to Stripe',
  paid: 'paid',
  failed: 'failed',
  reversed: 'reversed',
  rejected: 'rejected',
  expired: 'expired without a decision',
};

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
      return `Paid ${transfer.paidAt ? slackTime(transfer.paidAt) : ''} · Stripe transfer \`${transfer.stripeTransferId}\`${
        transfer.amountReversedCents > 0 ? ` · ${formatCents(transfer.amountReversedCents)} reversed` : ''
      }`;
    case 'reversed':
      return `Stripe transfer \`${transfer.stripeTransferId}\` was reversed (${formatCents(transfer.amountReversedCents)} back in the balance).`;
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

/** The finance channel message for a transfer request, at whatever point of its life it is. */
export function transferMessage(
  transfer: Transfer,
  options: { balance?: BalanceSummary; writerReady?: boolean } = {},
): SlackMessage {
  const amount = formatCents(transfer.amountCents);
  const heading =
    transfer.status === 'requested'
      ? `*Transfer request ${transfer.ref} · ${amount} to ${mention(transfer.writerSlackUserId)}*`
      : `*${transfer.ref} ${STATUS_TITLE[transfer.status]}* · ${amount} to ${mention(transfer.writerSlackUserId)}`;
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
        button('Approve', ACTIONS.approveTransfer, transfer.id, 'primary'),
        button('Reject', ACTIONS.rejectTransfer, transfer.id, 'danger'),
      ),
    );
  } else if (transfer.status === 'paid' && transfer.reversalRequest) {
    blocks.push(
      actions(
        `transfer:${transfer.id}`,
        button('Approve reversal', ACTIONS.approveReversal, transfer.id, 'danger'),
        button('Keep the payment', ACTIONS.rejectReversal, transfer.id),
      ),
    );
  } else if (transfer.status === 'paid' && transfer.amountReversedCents < transfer.amountCents) {
    blocks.push(actions(`transfer:${transfer.id}`, button('Reverse…', ACTIONS.reverseTransfer, transfer.id)));
  } else if (transfer.status === 'failed' && !transfer.retriedBy) {
    blocks.push(
      actions(`transfer:${transfer.id}`, button('Retry', ACTIONS.retryTransfer, transfer.id, 'primary')),
    );
  }
  blocks.push(context(`${transfer.ref} · ${amount} · ${STATUS_TITLE[transfer.status]}`));
  return { text: `${transfer.ref} · transfer of ${amount} · ${STATUS_TITLE[transfer.status]}`, blocks };
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

export function writerReversedMessage(transfer: Transfer, reversedCents: number): SlackMessage {
  const memo = transfer.memo ? ` (${escapeMrkdwn(transfer.memo)})` : '';
  const text = `${formatCents(reversedCents)} of your ${formatCents(transfer.amountCents)} payment${memo} was reversed by the platform. Ask the finance team if you have questions.`;
  return { text, blocks: [section(text)] };
}
