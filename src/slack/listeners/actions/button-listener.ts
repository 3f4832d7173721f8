import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import type { SlackUserRef } from '../../../domain/requests/types';
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
};

/** Every button: ack at once, then do the work; a failure is told to the clicker, privately. */
export function buttonListener(
  services: Services,
  name: string,
  work: (click: ButtonClick) => Promise<void>,
) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const reply = (message: EphemeralMessage) => respond({ ...message, replace_original: false });
    const user = slackUser(body);
    afterAck(
      services,
      name,
      () =>
        work({
          value: action.value ?? '',
          user,
          isFinance: () => services.finance.isMember(user.userId),
          triggerId: body.trigger_id,
          client,
          reply,
        }),
      reply,
    );
  };
}
