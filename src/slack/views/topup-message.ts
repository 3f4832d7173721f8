import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import { businessDaysBetween, TOPUP_BUSINESS_DAYS } from '../../domain/settlement';
import type { Topup } from '../../domain/topups/types';
import type { BalanceSummary } from '../../stripe/gateway';
import { ACTIONS } from '../ids';
import { actions, button, context, type SlackMessage, section } from './blocks';
import { withConfirm } from './confirm';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { approveTopupConfirm, cancelTopupConfirm } from './money-confirms';
import { approvalCapacityLine, approvalLine, balanceLine } from './request-lines';
import { statusWords } from './status-words';

function title(topup: Topup): string {
  const amount = formatCents(topup.amountCents);
  return topup.status === 'requested'
    ? `*Top-up request ${topup.ref} · ${amount}*`
    : `*Top-up ${topup.ref} · ${amount} · ${statusWords(topup.status)}*`;
}

function outcomeLine(topup: Topup): string | undefined {
  const stripeId = topup.stripeTopupId ? `Stripe top-up \`${topup.stripeTopupId}\`` : undefined;
  switch (topup.status) {
    case 'submitting':
    case 'approved':
      return 'Sending to Stripe now…';
    case 'pending':
      return `${stripeId} · expected available *${format(topup.expectedAvailableAt, 'EEE, MMM d')}*`;
    case 'succeeded':
      return `${stripeId} · available since ${topup.settledAt ? slackTime(topup.settledAt) : 'now'}`;
    case 'failed':
      return `:warning: ${escapeMrkdwn(topup.failure?.message ?? 'Stripe refused it.')} (\`${escapeMrkdwn(
        topup.failure?.code ?? 'unknown',
      )}\`). Nothing reached the balance.${stripeId ? ` ${stripeId}` : ''}`;
    case 'canceled':
      return `Cancelled${topup.canceledBy ? ` by ${mention(topup.canceledBy)}` : ' at Stripe'}. Nothing reached the balance.`;
    case 'reversed':
      return `${stripeId} was reversed: the money went back to the bank account.`;
    case 'rejected':
      return topup.rejection
        ? `Rejected by ${mention(topup.rejection.userId)} ${slackTime(topup.rejection.at)}: ${escapeMrkdwn(topup.rejection.reason)}`
        : 'Rejected.';
    case 'expired':
      return 'Nobody decided in time, so it expired. Request it again if it is still needed.';
    default:
      return undefined;
  }
}

/** The finance channel message for a top-up, at whatever point of its life it is. */
export function topupMessage(
  topup: Topup,
  options: { balance?: BalanceSummary; now?: Date } = {},
): SlackMessage {
  const lines = [
    title(topup),
    `Description: ${escapeMrkdwn(topup.description)} · Statement descriptor: ${escapeMrkdwn(topup.statementDescriptor)}`,
    `Requested by ${mention(topup.requestedBy.userId)} · ${approvalLine(topup)}`,
  ];
  const capacity = approvalCapacityLine(topup);
  if (capacity) lines.push(capacity);
  if (topup.status === 'requested') {
    lines.push(
      `If approved today it should be available around *${format(topup.expectedAvailableAt, 'EEE, MMM d')}* (${TOPUP_BUSINESS_DAYS} business days)`,
    );
    if (options.balance) lines.push(balanceLine(options.balance));
  }
  const outcome = outcomeLine(topup);
  if (outcome) lines.push(outcome);
  const blocks: SlackMessage['blocks'] = [section(lines.join('\n'))];
  if (topup.status === 'requested') {
    blocks.push(
      actions(
        `topup:${topup.id}`,
        withConfirm(button('Approve', ACTIONS.approveTopup, topup.id, 'primary'), approveTopupConfirm(topup)),
        button('Reject', ACTIONS.rejectTopup, topup.id, 'danger'),
      ),
    );
  } else if (topup.status === 'pending') {
    blocks.push(
      actions(
        `topup:${topup.id}`,
        withConfirm(
          button('Cancel top-up', ACTIONS.cancelTopup, topup.id, 'danger'),
          cancelTopupConfirm(topup),
        ),
      ),
    );
  }
  blocks.push(context(`${topup.ref} · ${formatCents(topup.amountCents)} · ${statusWords(topup.status)}`));
  return {
    text: `${topup.ref} · top-up of ${formatCents(topup.amountCents)} · ${statusWords(topup.status)}`,
    blocks,
  };
}

export function topupSettledAlert(topup: Topup, balance: BalanceSummary | undefined): SlackMessage {
  const days = businessDaysBetween(
    topup.submittedAt ?? topup.requestedAt,
    topup.settledAt ?? topup.updatedAt,
  );
  const took = days === 1 ? 'took 1 business day' : `took ${days} business days`;
  const text = `:moneybag: *${topup.ref} settled* — ${formatCents(topup.amountCents)} is now available (${took}).${
    balance ? `\nAvailable balance: ${formatCents(balance.availableCents)}` : ''
  }`;
  return {
    text: `${topup.ref} settled: ${formatCents(topup.amountCents)} is now available (${took})`,
    blocks: [section(text), context(`Stripe top-up \`${topup.stripeTopupId ?? 'unknown'}\``)],
  };
}

export function topupEndedAlert(topup: Topup): SlackMessage {
  const reason =
    topup.status === 'failed'
      ? `${escapeMrkdwn(topup.failure?.message ?? 'the bank debit failed')} (\`failure_code: ${escapeMrkdwn(topup.failure?.code ?? 'unknown')}\`). Nothing reached the balance.`
      : topup.status === 'reversed'
        ? 'Stripe reversed it; the money went back to the bank account and left the balance.'
        : 'It was cancelled before it settled. Nothing reached the balance.';
  const verb =
    topup.status === 'failed'
      ? 'failed at Stripe'
      : topup.status === 'reversed'
        ? 'was reversed'
        : 'was cancelled';
  return {
    text: `${topup.ref} ${verb}`,
    blocks: [section(`:warning: *${topup.ref} ${verb}* — ${reason} ${mention(topup.requestedBy.userId)}`)],
  };
}
