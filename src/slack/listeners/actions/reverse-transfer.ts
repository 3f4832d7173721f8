import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import type { Services } from '../../../services';
import type { EphemeralMessage } from '../../views/ephemeral';
import { reverseTransferModal } from '../../views/reverse-transfer-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Reverse… opens the form; the request for approval is made when it is submitted. */
export function reverseTransferAction(services: Services) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const reply = (message: EphemeralMessage) => respond({ ...message, replace_original: false });
    afterAck(
      services,
      'reverse transfer',
      async () => {
        if (!(await services.finance.isMember(slackUser(body).userId))) throw new NotFinanceError();
        const transfer = await services.transferDeps.transfers.load(action.value ?? '');
        if (!transfer || transfer.status !== 'paid') {
          throw new PaydeskError(
            'not_reversible',
            'That transfer is not paid, so there is nothing to reverse.',
          );
        }
        await client.views.open({ trigger_id: body.trigger_id, view: reverseTransferModal(transfer) });
      },
      reply,
    );
  };
}
