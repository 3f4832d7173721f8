import { formatCents } from '../../domain/money';
import type { CrossCheckDifference } from '../../domain/tax/cross-check';
import type { CrossCheckNews, ThresholdAlert } from '../../domain/tax/notifier';
import { type SlackMessage, section } from './blocks';
import { escapeMrkdwn, mention } from './escape';

/** Finance hears that a writer crossed the year's 1099-NEC threshold and Stripe lacks their taxpayer id. */
export function thresholdCrossedAlert(alert: ThresholdAlert): SlackMessage {
  const who = `${mention(alert.writer.slackUserId)} (${escapeMrkdwn(alert.writer.displayName)})`;
  const title = `${who} crossed the ${alert.year} 1099-NEC threshold`;
  const body =
    `${formatCents(alert.netCents)} paid to them so far in ${alert.year}, net of reversals; the threshold is ` +
    `${formatCents(alert.threshold.cents)}. Stripe doesn't have their taxpayer ID (SSN or EIN) yet, so their ` +
    `1099-NEC can't be filed. Ask them to add it in their Stripe Express dashboard (\`/payouts dashboard\`) ` +
    `before January 31, ${alert.year + 1}.`;
  return {
    text: `:warning: ${escapeMrkdwn(alert.writer.displayName)} crossed the ${alert.year} 1099-NEC threshold without tax details at Stripe`,
    blocks: [section(`:warning: *${title}* — ${body}`)],
  };
}

const MAX_LINES = 20;

function describe(difference: CrossCheckDifference): string {
  switch (difference.kind) {
    case 'only_at_stripe':
      return `Stripe transfer \`${difference.stripeTransferId}\` (${formatCents(difference.stripeCents)}) isn't counted in this year by Paydesk`;
    case 'only_at_paydesk':
      return `${difference.ref} (${formatCents(difference.paydeskCents)}) isn't among Stripe's transfers of this year`;
    case 'amount':
      return `${difference.ref} \`${difference.stripeTransferId}\`: ${formatCents(difference.paydeskCents)} in Paydesk, ${formatCents(difference.stripeCents)} at Stripe`;
    case 'reversed':
      return `${difference.ref} \`${difference.stripeTransferId}\`: ${formatCents(difference.paydeskCents)} reversed in Paydesk, ${formatCents(difference.stripeCents)} at Stripe`;
  }
}

/** The cross-check found writers whose year differs from Stripe's record. */
export function crossCheckAlert(news: CrossCheckNews): SlackMessage {
  const lines = news.writers.flatMap(({ writer, differences }) =>
    differences.map((d) => `• ${mention(writer.slackUserId)}: ${describe(d)}`),
  );
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length > shown.length ? `\n…and ${lines.length - shown.length} more (see the log)` : '';
  const count = news.writers.length;
  const title = `${news.year} payment totals differ from Stripe for ${count} writer${count === 1 ? '' : 's'}`;
  return {
    text: `:mag: ${title}`,
    blocks: [
      section(`:mag: *${title}* (sample checked by the reconciler)`),
      section(`${shown.join('\n')}${more}`.slice(0, 3000)),
    ],
  };
}
