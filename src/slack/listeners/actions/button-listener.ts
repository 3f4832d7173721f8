import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import type { BackgroundLane } from '../../../domain/background-tasks';
import type { SlackUserRef } from '../../../domain/requests/types';
import { isHomeClick, replyByDm } from '../../home/home-origin';
import { refreshHome } from '../../home/publish-home';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export type ButtonClick = {
  /** The request id the button carries; only ever used to look a request up. */
  value: string;
  /** Who clicked, from the signed payload. */
  user: SlackUserRef;
  isFinance: () => Promise<boolean>;
  triggerId: string;
  client: AllMiddlewareArgs['client'];
  /** A private answer to the person who clicked; the message itself is left alone. */
  reply: (message: EphemeralMessage) => Promise<unknown>;
  /** Clicked on the clicker's App Home tab rather than on a message. */
  fromHome: boolean;
};

/**
 * Every button: ack at once, then do the work; a failure is told to the clicker, privately. A
 * click on App Home has no response_url, so the answer goes by DM, and the Home is published
 * again once the work is done, showing what the click changed.
 */
export function buttonListener(
  services: Services,
  name: string,
  work: (click: ButtonClick) => Promise<void>,
  lane: BackgroundLane = 'replies',
) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = slackUser(body);
    const fromHome = isHomeClick(body);
    // Bolt leaves `respond` out when the payload has no response_url (a click on App Home).
    const reply = body.response_url
      ? (message: EphemeralMessage) => respond({ ...message, replace_original: false })
      : replyByDm(services, user.userId);
    afterAck(
      services,
      name,
      async () => {
        try {
          await work({
            value: action.value ?? '',
            user,
            isFinance: () => services.finance.isMember(user.userId),
            triggerId: body.trigger_id,
            client,
            reply,
            fromHome,
          });
        } finally {
          if (fromHome) await refreshHome(services, user);
        }
      },
      reply,
      lane,
    );
  };
}
