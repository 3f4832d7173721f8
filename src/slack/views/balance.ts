import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import type { Topup } from '../../domain/topups/types';
import type { BalanceSummary } from '../../stripe/gateway';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { statusWords } from './status-words';

/** "by source: bank account $2,141.00 available, card $5.00 pending" (Stripe's source_types). */
function sourceLines(row: BalanceSummary['byCurrency'][number]): string {
  const parts = Object.entries(row.sourceTypes)
    .filter(([, cents]) => cents !== 0)
    .map(([key, cents]) => {
      const [state, ...source] = key.split('_');
      return `${source.join(' ')} ${formatCents(cents)} ${state}`;
    });
  return parts.length > 0 ? ` (by source: ${parts.join(', ')})` : '';
}

/** `/payouts balance`: what Stripe holds now and which top-ups are on their way. */
export function balanceMessage(balance: BalanceSummary, inFlight: Topup[]): EphemeralMessage {
  const lines = ['*Stripe balance*'];
  if (balance.byCurrency.length === 0) lines.push('USD: $0.00 available · $0.00 pending');
  for (const row of balance.byCurrency) {
    const money =
      row.currency === 'usd'
        ? `${formatCents(row.availableCents)} available · ${formatCents(row.pendingCents)} pending`
        : `${row.availableCents} available · ${row.pendingCents} pending (minor units)`;
    lines.push(`${row.currency.toUpperCase()}: ${money}${sourceLines(row)}`);
  }
  if (inFlight.length > 0) {
    lines.push('', '*Top-ups in flight*');
    for (const topup of inFlight) {
      lines.push(
        `${topup.ref} · ${formatCents(topup.amountCents)} · ${statusWords(topup.status)} · expected ${format(topup.expectedAvailableAt, 'EEE, MMM d')}`,
      );
    }
  } else {
    lines.push('', 'No top-ups in flight.');
  }
  return ephemeralText(lines.join('\n'));
}
