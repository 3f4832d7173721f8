import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { cancelTopup } from '../../../domain/topups/cancel-topup';
import type { Services } from '../../../services';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export function cancelTopupAction(services: Services) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const reply = (message: EphemeralMessage) => respond({ ...message, replace_original: false });
    afterAck(
      services,
      'cancel top-up',
      async () => {
        const user = slackUser(body);
        await cancelTopup(services.topupDeps, {
          id: action.value ?? '',
          user,
          isFinance: await services.finance.isMember(user.userId),
        });
      },
      reply,
    );
  };
}
