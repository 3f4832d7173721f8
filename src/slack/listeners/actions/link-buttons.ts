import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

/**
 * "Connect with Stripe" and "Open my Stripe dashboard" are URL buttons: the browser does the work,
 * but Slack still sends the click here and shows a warning unless it is acknowledged.
 */
export function linkButtonAction() {
  return async ({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
  };
}
