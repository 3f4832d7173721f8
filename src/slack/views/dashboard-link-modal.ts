import type { ModalView } from '@slack/types';
import { ACTIONS } from '../ids';
import { actions, context, linkButton, section } from './blocks';

export type DashboardLinkState =
  | { state: 'creating' }
  | { state: 'ready'; url: string }
  | { state: 'failed'; text: string };

/**
 * What the Home button opens: a modal, not a message, so the single-use login link is never
 * posted to a conversation that keeps it. It opens at once (the click's trigger_id lasts 3 s)
 * and shows the link when Stripe has made it.
 */
export function dashboardLinkModal(input: DashboardLinkState): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Stripe dashboard' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: blocksFor(input),
  };
}

function blocksFor(input: DashboardLinkState): ModalView['blocks'] {
  if (input.state === 'creating')
    return [section('Asking Stripe for a login link to your Express dashboard…')];
  if (input.state === 'failed') return [section(input.text)];
  return [
    section('Your Stripe Express dashboard: payouts, bank account and tax details.'),
    actions(
      'writer_dashboard',
      linkButton('Open my Stripe Express dashboard', input.url, ACTIONS.openStripeDashboard),
    ),
    context(
      'The link works once and only for a few minutes. Click the button on your Home again for a new one.',
    ),
  ];
}
