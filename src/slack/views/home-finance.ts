import type { HomeView, KnownBlock } from '@slack/types';
import { format } from 'date-fns';
import type { FinanceHome } from '../../domain/home/finance-home';
import type { OwnRequest } from '../../domain/home/ports';
import type { WriterAttention } from '../../domain/home/writer-attention';
import { formatCents } from '../../domain/money';
import type { Topup } from '../../domain/topups/types';
import { activityLine } from './activity-words';
import { context, section } from './blocks';
import { mention, slackTime } from './escape';
import { divider, header, homeView, linesSection, plural, quiet } from './home-shared';
import { waitingBlocks } from './home-waiting';
import { statusWords, transferStatusWords } from './status-words';

/** Lines per list; each list is one section, so the view stays far below 100 blocks. */
const LIST_SHOWN = 10;

function balanceBlocks(home: FinanceHome): KnownBlock[] {
  const blocks: KnownBlock[] = [
    home.balance
      ? section(
          `*Stripe balance* · ${formatCents(home.balance.availableCents)} available · ${formatCents(home.balance.pendingCents)} pending`,
        )
      : section(
          ":warning: Stripe didn't answer, so the balance isn't shown. Open this tab again in a minute.",
        ),
  ];
  const line = (topup: Topup) =>
    `${topup.ref} · ${formatCents(topup.amountCents)} top-up · ${statusWords(topup.status)} · expected ${format(topup.expectedAvailableAt, 'EEE, MMM d')}`;
  if (home.inFlight.length === 0) return [...blocks, quiet('No top-ups on their way.')];
  return [
    ...blocks,
    ...linesSection(
      home.inFlight.map(line),
      LIST_SHOWN,
      (hidden) => `${plural(hidden, 'more top-up')} on the way: \`/payouts balance\` lists them all.`,
    ),
  ];
}

function ownLine(request: OwnRequest): string {
  const amount = formatCents(request.amountCents);
  const subject =
    request.kind === 'topup'
      ? `${amount} top-up`
      : request.kind === 'transfer'
        ? `${amount} to ${request.payee ? mention(request.payee) : 'a writer'}`
        : `${amount} payout run to ${plural(request.lineCount ?? 0, 'writer')}`;
  const state =
    request.kind === 'transfer'
      ? transferStatusWords({
          status: request.status,
          amountCents: request.amountCents,
          amountReversedCents: request.reversedCents,
        })
      : statusWords(request.status);
  const approvals =
    request.status === 'requested' && request.requiredApprovals > 1
      ? ` (${request.approvals} of ${request.requiredApprovals} approvals)`
      : '';
  return `*${request.ref}* · ${subject} · ${state}${approvals} · requested ${slackTime(request.requestedAt)}`;
}

function writerLine({ writer, reason, needs }: WriterAttention): string {
  const who = mention(writer.slackUserId);
  const need = needs.join(', ');
  switch (reason) {
    case 'not_started':
      return `${who} · invited ${slackTime(writer.invitedAt)}, hasn't started connecting to Stripe`;
    case 'onboarding':
      return `${who} · started connecting to Stripe, not finished${need ? `: Stripe still needs ${need}` : ''}`;
    case 'restricted':
      return `${who} · *restricted*: can't be paid until Stripe gets ${need || 'more details'}`;
    case 'requirements_due':
      return `${who} · Stripe asks for ${need}; payments still go through for now`;
  }
}

function titled(title: string, blocks: KnownBlock[]): KnownBlock[] {
  return [divider(), header(title), ...blocks];
}

/** The finance member's Home: balance, what waits for them, their requests, writers, activity. */
export function financeHomeView(home: FinanceHome): HomeView {
  const own = home.ownRequests.map(ownLine);
  const writers = home.writers.map(writerLine);
  const activity = home.activity.map((entry) => activityLine(entry, home.writerUsers));
  return homeView([
    header('Paydesk · finance'),
    context(`As of ${slackTime(home.now)} · refreshed each time you open this tab`),
    ...balanceBlocks(home),
    // The true count, not the length of the list read for it.
    ...titled(
      `Waiting for you (${Math.max(home.waitingTotal ?? 0, home.waitingForYou.length)})`,
      waitingBlocks(home.waitingForYou, home.waitingTotal),
    ),
    ...titled(
      'Your requests',
      own.length > 0
        ? linesSection(own, LIST_SHOWN, () => 'Older ones: `/payouts history`.')
        : [
            quiet(
              "You haven't requested anything yet: `/topup`, `/transfer` and `/payouts batch` start one.",
            ),
          ],
    ),
    ...titled(
      'Writers who need attention',
      writers.length > 0
        ? linesSection(
            writers,
            LIST_SHOWN,
            (hidden) => `${plural(hidden, 'more writer')}: \`/payouts writers\` lists everyone.`,
          )
        : [quiet('Every writer is connected and can be paid.')],
    ),
    ...titled(
      'Recent activity',
      activity.length > 0
        ? [...linesSection(activity, LIST_SHOWN, () => ''), quiet('`/payouts audit` shows the audit trail.')]
        : [quiet('Nothing has happened yet.')],
    ),
  ]);
}
