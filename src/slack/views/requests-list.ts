import type { PayoutRunHeader } from '../../domain/batch/types';
import { formatCents } from '../../domain/money';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import { progressLine } from './batch-message';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { approvalLine } from './request-lines';
import { refWithAttempt, statusWords, transferStatusWords } from './status-words';

type Listed =
  | { kind: 'topup'; request: Topup }
  | { kind: 'transfer'; request: Transfer }
  | { kind: 'run'; request: PayoutRunHeader };

/** What `/payouts pending` shows: requests to decide on, reversals to approve, runs under way. */
export type PendingLists = {
  waiting: Listed[];
  reversals: Transfer[];
  runs: PayoutRunHeader[];
  /** Kinds with more waiting than were read: only the oldest `listedPerKind` of each are shown. */
  moreThanListed?: ('topups' | 'transfers' | 'runs' | 'reversals')[];
  listedPerKind?: number;
};

const KIND_WORDS = { topups: 'top-ups', transfers: 'transfers', runs: 'payout runs', reversals: 'reversals' };

/** A day as Slack shows it in each reader's own time zone (not the server's). */
const day = (date: Date) => slackTime(date, '{date_short_pretty}');
const lines = (n: number) => `${n.toLocaleString('en-US')} line${n === 1 ? '' : 's'}`;

function describe(item: Listed): string {
  const amount = formatCents(item.request.amountCents);
  switch (item.kind) {
    case 'topup':
      return `*${item.request.ref}* · ${amount} top-up ${escapeMrkdwn(item.request.description)}`;
    case 'transfer': {
      const memo = item.request.memo ? ` — ${escapeMrkdwn(item.request.memo)}` : '';
      return `*${refWithAttempt(item.request)}* · ${amount} to ${mention(item.request.writerSlackUserId)}${memo}`;
    }
    case 'run':
      return `*${item.request.ref}* · payout run · ${lines(item.request.lineCount)} · ${amount}`;
  }
}

function reversalEntry(transfer: Transfer): string {
  const asked = transfer.reversalRequest;
  if (!asked) return '';
  const state = asked.approvedBy
    ? `approved by ${mention(asked.approvedBy)}, sending to Stripe`
    : 'needs approval from someone else in finance';
  return `*${refWithAttempt(transfer)}* · reverse ${formatCents(asked.amountCents)} of ${formatCents(transfer.amountCents)} paid to ${mention(
    transfer.writerSlackUserId,
  )} — ${escapeMrkdwn(asked.reason)} · asked by ${mention(asked.requestedBy)} on ${day(asked.requestedAt)} · ${state}`;
}

function runEntry(run: PayoutRunHeader): string {
  const progress = run.progress ? ` — ${progressLine(run, run.progress)}` : '';
  const why =
    run.status === 'paused' && run.pause
      ? run.pause.reason === 'balance_insufficient'
        ? ' (not enough balance; Resume once a top-up settles)'
        : ' (Stripe did not answer; Resume to try again)'
      : '';
  return `${describe({ kind: 'run', request: run })} · ${statusWords(run.status)}${why}${progress}`;
}

/** `/payouts pending`: what waits for a decision (oldest first), reversals, and runs not finished. */
export function pendingRequestsMessage(lists: PendingLists): EphemeralMessage {
  const sections: string[] = [];
  if (lists.waiting.length > 0) {
    const entries = lists.waiting.map(
      (item) =>
        `${describe(item)} · requested by ${mention(item.request.requestedBy.userId)} on ${day(item.request.requestedAt)} · ${approvalLine(item.request)}`,
    );
    sections.push(`*Waiting for a decision* (oldest first)\n${entries.join('\n')}`);
  }
  if (lists.reversals.length > 0) {
    sections.push(`*Reversals waiting*\n${lists.reversals.map(reversalEntry).join('\n')}`);
  }
  if (lists.runs.length > 0) {
    sections.push(`*Payout runs under way*\n${lists.runs.map(runEntry).join('\n')}`);
  }
  if (sections.length === 0) return ephemeralText('Nothing is waiting for a decision.');
  const more = lists.moreThanListed ?? [];
  if (more.length > 0) {
    const kinds = more.map((kind) => KIND_WORDS[kind]).join(', ');
    sections.push(
      `_More ${kinds} are waiting than fit here: the oldest ${lists.listedPerKind ?? 50} of each are listed. Deciding these brings the next ones up._`,
    );
  }
  return ephemeralText(sections.join('\n\n'));
}

/** Who asked for it and when, in the reader's time zone. */
function askedBy(request: Listed['request']): string {
  return `by ${mention(request.requestedBy.userId)} ${slackTime(request.requestedAt)}`;
}

/** `/payouts history [@writer]`: latest transfers and top-ups, who asked and when, status and Stripe ids. */
export function historyMessage(items: Listed[], writerUserId?: string): EphemeralMessage {
  const title = writerUserId
    ? `*Recent transfers to ${mention(writerUserId)}*`
    : '*Recent transfers and top-ups*';
  if (items.length === 0) return ephemeralText(`${title}\nNothing yet.`);
  const entries = items.map((item) => {
    const stripeId =
      item.kind === 'topup'
        ? item.request.stripeTopupId
        : item.kind === 'transfer'
          ? item.request.stripeTransferId
          : null;
    const words =
      item.kind === 'transfer' ? transferStatusWords(item.request) : statusWords(item.request.status);
    return `${describe(item)} · ${words} · ${askedBy(item.request)}${stripeId ? ` · \`${stripeId}\`` : ''}`;
  });
  return ephemeralText(`${title}\n${entries.join('\n')}`);
}

/** `/payouts history TR-0003`: every attempt of one transfer request, first attempt first. */
export function referenceHistoryMessage(ref: string, attempts: Transfer[]): EphemeralMessage {
  if (attempts.length === 0) return ephemeralText(`No transfer is called ${escapeMrkdwn(ref)}.`);
  const entries = attempts.map((transfer) => {
    const stripeId = transfer.stripeTransferId ? ` · \`${transfer.stripeTransferId}\`` : '';
    return `${describe({ kind: 'transfer', request: transfer })} · ${transferStatusWords(transfer)} · ${askedBy(transfer)}${stripeId}`;
  });
  const tried = attempts.length === 1 ? '' : ` (${attempts.length} attempts)`;
  return ephemeralText(`*${escapeMrkdwn(ref)}*${tried}\n${entries.join('\n')}`);
}

export type { Listed };
