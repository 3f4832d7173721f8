import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError } from '../../../domain/errors';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { rejectReasonModal } from '../../views/reject-reason-modal';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Reject asks for a reason first; the decision happens when the form is submitted. */
export function rejectTopupAction(services: Services) {
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
      'reject top-up',
      async () => {
        const user = slackUser(body);
        if (!(await services.finance.isMember(user.userId))) throw new NotFinanceError();
        const topup = await services.topupDeps.topups.load(action.value ?? '');
        if (!topup || topup.status !== 'requested') {
          await reply(approvalRefusalMessage(topup ? 'already_decided' : 'not_found', topup));
          return;
        }
        await client.views.open({
          trigger_id: body.trigger_id,
          view: rejectReasonModal({ kind: 'topup', id: topup.id }, topup.ref),
        });
      },
      reply,
    );
  };
}
