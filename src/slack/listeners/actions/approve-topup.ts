import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { approveTopup } from '../../../domain/topups/approve-topup';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export function approveTopupAction(services: Services) {
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
      'approve top-up',
      async () => {
        const approver = slackUser(body);
        const outcome = await approveTopup(services.topupDeps, {
          id: action.value ?? '',
          approver,
          isFinance: await services.finance.isMember(approver.userId),
        });
        if (outcome.kind === 'refused') await reply(approvalRefusalMessage(outcome.reason, outcome.request));
      },
      reply,
    );
  };
}
