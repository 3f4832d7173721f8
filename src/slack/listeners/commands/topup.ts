import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { NotFinanceError } from '../../../domain/errors';
import { splitLeadingAmount } from '../../../domain/money';
import { requestTopup } from '../../../domain/topups/request-topup';
import { topupRequestedConfirmation } from '../../views/topup-confirmation';
import { topupRequestModal } from '../../views/topup-request-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** `/topup <amount> [description]`; with no arguments it opens the form. */
export function topupCommand(services: Services) {
  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    afterAck(
      services,
      '/topup',
      async () => {
        if (!(await services.finance.isMember(command.user_id))) throw new NotFinanceError();
        const text = command.text.trim();
        if (text === '') {
          await client.views.open({ trigger_id: command.trigger_id, view: topupRequestModal() });
          return;
        }
        const { amountText, rest } = splitLeadingAmount(text);
        const topup = await requestTopup(services.topupDeps, {
          amountText,
          description: rest,
          typedOnOneLine: true,
          requestedBy: slackUser(command),
        });
        const permalink = topup.slackMessage
          ? await client.chat
              .getPermalink({ channel: topup.slackMessage.channel, message_ts: topup.slackMessage.ts })
              .then((result) => result.permalink)
              .catch(() => undefined)
          : undefined;
        await respond(topupRequestedConfirmation(topup, permalink));
      },
      respond,
    );
  };
}
