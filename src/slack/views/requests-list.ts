import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention } from './escape';
import { approvalLine } from './request-lines';

type Listed = { kind: 'topup'; request: Topup } | { kind: 'transfer'; request: Transfer };

function describe(item: Listed): string {
  const r = item.request;
  const what =
    item.kind === 'topup'
      ? `top-up ${escapeMrkdwn(item.request.description)}`
      : `to ${mention(item.request.writerSlackUserId)}${item.request.memo ? ` — ${escapeMrkdwn(item.request.memo)}` : ''}`;
  return `*${r.ref}* · ${formatCents(r.amountCents)} ${what}`;
}

/** `/payouts pending`: waiting for a decision, oldest first. */
export function pendingRequestsMessage(items: Listed[]): EphemeralMessage {
  if (items.length === 0) return ephemeralText('Nothing is waiting for a decision.');
  const lines = items.map(
    (item) =>
      `${describe(item)} · requested by ${mention(item.request.requestedBy.userId)} on ${format(item.request.requestedAt, 'EEE, MMM d')} · ${approvalLine(item.request)}`,
  );
  return ephemeralText(`*Waiting for a decision* (oldest first)\n${lines.join('\n')}`);
}

/** `/payouts history [@writer]`: latest transfers and top-ups with status and Stripe ids. */
export function historyMessage(items: Listed[], writerUserId?: string): EphemeralMessage {
  const title = writerUserId
    ? `*Recent transfers to ${mention(writerUserId)}*`
    : '*Recent transfers and top-ups*';
  if (items.length === 0) return ephemeralText(`${title}\nNothing yet.`);
  const lines = items.map((item) => {
    const stripeId = item.kind === 'topup' ? item.request.stripeTopupId : item.request.stripeTransferId;
    return `${describe(item)} · ${item.request.status} · ${format(item.request.requestedAt, 'EEE, MMM d')}${stripeId ? ` · \`${stripeId}\`` : ''}`;
  });
  return ephemeralText(`${title}\n${lines.join('\n')}`);
}

export type { Listed };
