import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError } from '../../../domain/errors';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { batchRejectModal } from '../../views/batch-modals';
import type { EphemeralMessage } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Reject on a payout run asks for a reason first; the decision happens when the form is submitted. */
export function rejectBatchAction(services: Services) {
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
      'reject payout run',
      async () => {
        const user = slackUser(body);
        if (!(await services.finance.isMember(user.userId))) throw new NotFinanceError();
        const run = await services.batchDeps.runs.loadHeader(action.value ?? '');
        if (run?.status !== 'requested') {
          await reply(approvalRefusalMessage(run ? 'already_decided' : 'not_found', run));
          return;
        }
        await client.views.open({ trigger_id: body.trigger_id, view: batchRejectModal(run.id, run.ref) });
      },
      reply,
    );
  };
}
