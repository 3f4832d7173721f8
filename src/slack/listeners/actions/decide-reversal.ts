import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { approveReversal, rejectReversal } from '../../../domain/transfers/reverse-transfer';
import type { Services } from '../../../services';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Approve reversal / Keep the payment: four eyes, checked at click time. */
export function decideReversalAction(services: Services, decision: 'approve' | 'reject') {
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
      `${decision} reversal`,
      async () => {
        const user = slackUser(body);
        const input = { id: action.value ?? '', isFinance: await services.finance.isMember(user.userId) };
        if (decision === 'approve')
          await approveReversal(services.transferDeps, { ...input, approver: user });
        else await rejectReversal(services.transferDeps, { ...input, user });
      },
      reply,
    );
  };
}
