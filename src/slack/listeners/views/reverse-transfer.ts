import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { requestReversal } from '../../../domain/transfers/reverse-transfer';
import type { Services } from '../../../services';
import { REVERSE_FIELDS } from '../../views/reverse-transfer-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export function reverseTransferSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const value = (field: keyof typeof REVERSE_FIELDS) =>
      view.state.values[REVERSE_FIELDS[field].block]?.[REVERSE_FIELDS[field].input]?.value ?? '';
    if (value('reason').trim() === '') {
      await ack({
        response_action: 'errors',
        errors: { [REVERSE_FIELDS.reason.block]: 'Say why; the writer will see it.' },
      });
      return;
    }
    await ack();
    const user = slackUser(body);
    const tell = (text: string) =>
      client.chat
        .postEphemeral({ channel: services.config.finance.channelId, user: user.userId, text })
        .catch(() => {});
    afterAck(
      services,
      'reverse transfer form',
      async () => {
        await requestReversal(services.transferDeps, {
          id: view.private_metadata,
          user,
          isFinance: await services.finance.isMember(user.userId),
          amountText: value('amount'),
          reason: value('reason'),
        });
      },
      (message) => tell(message.text),
    );
  };
}
