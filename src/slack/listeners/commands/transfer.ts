import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { NotFinanceError } from '../../../domain/errors';
import { requestTransfer } from '../../../domain/transfers/request-transfer';
import { transferRequestedConfirmation } from '../../views/transfer-confirmation';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** `/transfer @writer <amount> [memo]` */
export function transferCommand(services: Services) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    afterAck(
      services,
      '/transfer',
      async () => {
        if (!(await services.finance.isMember(command.user_id))) throw new NotFinanceError();
        const result = await requestTransfer(services.transferDeps, {
          text: command.text,
          requestedBy: slackUser(command),
        });
        await respond(transferRequestedConfirmation(result.transfer, result.balanceWarning));
      },
      respond,
    );
  };
}
