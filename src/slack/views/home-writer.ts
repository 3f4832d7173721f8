import type { HomeView, KnownBlock } from '@slack/types';
import type { WriterHome } from '../../domain/home/writer-home';
import { formatCents } from '../../domain/money';
import { isConnected } from '../../domain/onboarding/status';
import type { YearToDate } from '../../domain/tax/year-to-date';
import type { Transfer } from '../../domain/transfers/types';
import { ACTIONS } from '../ids';
import { actions, button, context, section } from './blocks';
import { escapeMrkdwn, slackTime } from './escape';
import { divider, header, homeView, linesSection, quiet } from './home-shared';

const PAYMENTS_SHOWN = 20;

function needsText(needs: readonly string[]): string {
  return needs.length > 0 ? needs.map(escapeMrkdwn).join(', ') : 'a few more details';
}

/** Where the writer stands, in words, and what Stripe still needs from them. */
function statusText(home: WriterHome): string {
  const { writer, needs } = home;
  switch (writer.status) {
    case 'invited':
      return "*You're invited to get paid through Stripe.* Connect your Stripe account with the link in your DM from Paydesk; `/payouts connect` sends a fresh one.";
    case 'onboarding':
      return `*You started connecting your Stripe account but haven't finished.* Stripe still needs: ${needsText(needs)}. \`/payouts connect\` takes you back to where you left off.`;
    case 'active':
      return needs.length > 0
        ? `*You're connected to Stripe and can be paid.* Stripe will soon need: ${needsText(needs)}; add it in your Stripe Express dashboard so payments keep coming.`
        : "*You're connected to Stripe and can be paid.*";
    case 'restricted':
      return `*Stripe has paused payments to you* until it gets: ${needsText(needs)}. Add it in your Stripe Express dashboard and payments resume.`;
    case 'deauthorized':
      return "*You disconnected Paydesk from your Stripe account,* so you can't be paid. Ask finance to invite you again if that was a mistake.";
  }
}

function paymentLine(transfer: Transfer): string {
  const when = transfer.paidAt ? slackTime(transfer.paidAt, '{date_short_pretty}') : '';
  const memo = transfer.memo ? ` · ${escapeMrkdwn(transfer.memo)}` : '';
  const reversed =
    transfer.amountReversedCents >= transfer.amountCents
      ? ' · reversed in full'
      : transfer.amountReversedCents > 0
        ? ` · ${formatCents(transfer.amountReversedCents)} reversed`
        : '';
  return `${when} · *${formatCents(transfer.amountCents)}*${memo}${reversed}`;
}

function yearBlock(home: WriterHome): KnownBlock | undefined {
  const total = home.yearToDate;
  if (!total) return undefined;
  const taken =
    total.reversedCents > 0
      ? ` (${formatCents(total.paidCents)} paid, ${formatCents(total.reversedCents)} reversed)`
      : '';
  return section(`*Total paid in ${total.year}:* ${formatCents(total.netCents)}${taken}`);
}

const hasMoney = (total: YearToDate | null): total is YearToDate =>
  total !== null && (total.paidCents !== 0 || total.reversedCents !== 0);

/**
 * The year's payments and reversals line by line, as `/payouts statement` gives them, for each year
 * with money in it: this year, and in January last year too (its forms are due by January 31).
 */
function statementBlocks(home: WriterHome): KnownBlock[] {
  const years = [home.yearToDate, home.lastYear].filter(hasMoney).map((total) => total.year);
  if (years.length === 0) return [];
  const other = Math.min(...years) - 1;
  return [
    actions(
      'home_statement',
      ...years.map((year) => button(`Get my ${year} statement`, ACTIONS.homeStatement, String(year))),
    ),
    context(
      `Every payment and reversal, by DM, with a CSV for your taxes. Another year: \`/payouts statement ${other}\`.`,
    ),
  ];
}

/** A writer's Home: their status, their payments, this year's total, and their Stripe dashboard. */
export function writerHomeView(home: WriterHome): HomeView {
  const blocks: KnownBlock[] = [header('Paydesk · your payments'), section(statusText(home))];
  if (isConnected(home.writer)) {
    blocks.push(
      actions(
        'home_dashboard',
        button('Open my Stripe Express dashboard', ACTIONS.homeOpenDashboard, 'dashboard', 'primary'),
      ),
      context('Opens a fresh sign-in link made at your click; it works once, for a few minutes.'),
    );
  }
  blocks.push(divider(), header('Payments received'));
  const year = yearBlock(home);
  if (year) blocks.push(year);
  blocks.push(...statementBlocks(home));
  if (home.payments.length === 0) blocks.push(quiet('No payments yet.'));
  else
    blocks.push(
      ...linesSection(
        home.payments.map(paymentLine),
        PAYMENTS_SHOWN,
        () => 'Older payments are in your Stripe Express dashboard.',
      ),
    );
  return homeView(blocks);
}
