import { formatCents } from '../../domain/money';
import type { WaitingRequest } from '../../domain/requests/waiting';
import { escapeMrkdwn, mention } from './escape';
import { plural } from './home-shared';
import { refWithAttempt } from './status-words';

function typed(note: string): string {
  const short = note.length > 80 ? `${note.slice(0, 80)}…` : note;
  return note.trim() === '' ? '' : ` — ${escapeMrkdwn(short)}`;
}

/**
 * A waiting request in one line, the same on App Home and in reminders: its reference, amount and
 * payee, and what the requester typed ("*TR-0042* · $9.00 to @maya — Answers for May").
 */
export function waitingSummary(request: WaitingRequest): string {
  const amount = formatCents(request.amountCents);
  const payee = request.payee ? mention(request.payee) : 'the writer';
  switch (request.kind) {
    case 'topup':
      return `*${request.ref}* · ${amount} top-up${typed(request.note)}`;
    case 'transfer':
      return `*${refWithAttempt(request)}* · ${amount} to ${payee}${typed(request.note)}`;
    case 'reversal':
      return `*Reversal of ${request.ref}* · take back ${amount} of the ${formatCents(request.paidCents ?? 0)} paid to ${payee}${typed(request.note)}`;
    case 'payout_run':
      return `*${request.ref}* · payout run · ${amount} to ${plural(request.lineCount ?? 0, 'writer')}${typed(request.note)}`;
  }
}
