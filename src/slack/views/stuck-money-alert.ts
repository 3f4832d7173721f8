import type { KnownBlock } from '@slack/types';
import type { StuckMoney, StuckRequest } from '../../domain/alarms/ports';
import { formatCents } from '../../domain/money';
import { statusWords } from '../../domain/status-words';
import { context, type SlackMessage, section } from './blocks';
import { mention, slackTime } from './escape';

const WHAT_TO_DO = {
  submitting:
    '*Sending to Stripe* means Stripe has not confirmed it. The reconciler asks again with the same idempotency key, so it cannot be paid twice: do not make a new request for it. Check Stripe’s status page and Paydesk’s log; it clears by itself once Stripe answers.',
  approved:
    '*Approved, not sent* means its submission never started. The reconciler starts it: check that `/readyz` shows the reconciler lease renewed and that `RECONCILE_INTERVAL_SECONDS` is not 0 on every replica.',
  inbox:
    '*Stripe events waiting* means settlements and failures are not being recorded. Check `/readyz` (inbox) and Paydesk’s log for “stripe event not processed”. Stripe’s events are kept and processed once it recovers.',
};

function payee(item: StuckRequest): string {
  if (item.payeeSlackUserId) return `to ${mention(item.payeeSlackUserId)}`;
  return item.kind === 'topup' ? 'to the platform balance' : 'to a writer';
}

function line(item: StuckMoney): string {
  if (item.kind === 'inbox') {
    const events = item.waiting === 1 ? '1 Stripe event' : `${item.waiting} Stripe events`;
    return `• *Webhook inbox* · ${events} waiting, the oldest since ${slackTime(item.since)}`;
  }
  // The shared words, and for an approval that never went out, that it didn't.
  const state =
    item.status === 'approved' ? `${statusWords(item.status)}, not sent` : statusWords(item.status);
  const run = item.payoutRunLine ? ' (payout run line)' : '';
  return `• *${item.ref}*${run} · ${formatCents(item.amountCents)} ${payee(item)} · ${state} since ${slackTime(item.since)}`;
}

function plain(item: StuckMoney): string {
  return item.kind === 'inbox' ? 'the webhook inbox' : `${item.ref} (${formatCents(item.amountCents)})`;
}

/** The alarm: what is stuck, since when (in each reader's time), and what to do about it. */
export function stuckMoneyAlert(alarm: {
  items: StuckMoney[];
  total: number;
  thresholdMinutes: number;
  followUp: boolean;
}): SlackMessage {
  const heading = alarm.followUp
    ? `:rotating_light: *More money is stuck* — also not moving for over ${alarm.thresholdMinutes} minutes:`
    : `:rotating_light: *Money is stuck* — not moving for over ${alarm.thresholdMinutes} minutes:`;
  const kinds = new Set(alarm.items.map((item) => (item.kind === 'inbox' ? 'inbox' : item.status)));
  const advice = (['submitting', 'approved', 'inbox'] as const).filter((kind) => kinds.has(kind));
  const blocks: KnownBlock[] = [section(`${heading}\n${alarm.items.map(line).join('\n')}`)];
  if (alarm.total > alarm.items.length) {
    blocks.push(context(`${alarm.total} stuck in all; the oldest are listed.`));
  }
  blocks.push(section(advice.map((kind) => WHAT_TO_DO[kind]).join('\n')));
  blocks.push(
    context(
      'One alert per episode: Paydesk posts again only for newly stuck items, and once when everything moves.',
    ),
  );
  return {
    text: `Money is stuck: ${alarm.items.map(plain).join(', ')} not moving for over ${alarm.thresholdMinutes} minutes`,
    blocks,
  };
}

/** The all-clear, once nothing is stuck any more. */
export function stuckMoneyResolved(alarm: {
  raisedAt: Date;
  at: Date;
  cleared: { ref: string; status: string | null }[];
}): SlackMessage {
  const cleared = alarm.cleared.map(({ ref, status }) => {
    if (ref === 'inbox') return 'the webhook inbox is keeping up';
    return status ? `*${ref}* is ${statusWords(status)}` : `*${ref}*`;
  });
  const what = cleared.length > 0 ? ` ${cleared.join(', ')}.` : '';
  return {
    text: 'Money is moving again: nothing is stuck any more',
    blocks: [
      section(`:white_check_mark: *Money is moving again* — nothing is stuck any more.${what}`),
      context(`Alarm raised ${slackTime(alarm.raisedAt)}, cleared ${slackTime(alarm.at)}.`),
    ],
  };
}
