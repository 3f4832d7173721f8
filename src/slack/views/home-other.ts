import type { HomeView } from '@slack/types';
import type { OtherHome } from '../../domain/home/load-home';
import { context, section } from './blocks';
import { mention } from './escape';
import { header, homeView } from './home-shared';

/** Anyone who is neither finance nor a writer: what Paydesk is and whom to ask. */
export function otherHomeView(home: OtherHome, financeChannelId: string): HomeView {
  const people =
    home.financeMembers.length > 0
      ? `the finance team (${home.financeMembers.map(mention).join(', ')}) or `
      : '';
  return homeView([
    header('Paydesk'),
    section(
      "*Paydesk is how writers get paid.* Finance tops up the platform's Stripe balance and pays each writer's connected Stripe account from Slack; every payment is approved by someone other than who asked for it.",
    ),
    section(`*Questions?* Ask ${people}<#${financeChannelId}>.`),
    context(
      'If you write for us and expect to be paid, ask finance to invite you: Paydesk then sends you a DM to connect your Stripe account.',
    ),
  ]);
}
