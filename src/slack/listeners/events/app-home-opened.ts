import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { publishHome } from '../../home/publish-home';

/**
 * Someone opened Paydesk's Home tab (Slack sends the same event for the Messages tab, with
 * `tab: 'messages'`, which has nothing to refresh). Events are acknowledged by Bolt at once; the
 * Home is read and published afterwards, as a tracked background task.
 */
export function appHomeOpened(services: Services) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const who = { teamId: body.team_id, userId: event.user };
    // The finance Home shows Stripe's balance: it waits in the Stripe lane, not in front of replies.
    services.background.run(
      'publish App Home',
      async () => {
        await publishHome(services, who).catch((error) =>
          services.logger.warn({ err: error }, 'could not publish App Home'),
        );
      },
      'stripe',
    );
  };
}
