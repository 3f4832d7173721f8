import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError } from '../../../domain/errors';
import type { ApprovableRequest } from '../../../domain/requests/types';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import type { EphemeralMessage } from '../../views/ephemeral';
import { type RejectTarget, rejectReasonModal } from '../../views/reject-reason-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Reject asks for a reason first; the decision happens when the form is submitted. */
export function rejectAction(
  services: Services,
  kind: RejectTarget['kind'],
  load: (id: string) => Promise<ApprovableRequest | undefined>,
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
    afterAck(
      services,
      `reject ${kind}`,
      async () => {
        const user = slackUser(body);
        if (!(await services.finance.isMember(user.userId))) throw new NotFinanceError();
        const request = await load(action.value ?? '');
        if (!request || request.status !== 'requested') {
          await reply(approvalRefusalMessage(request ? 'already_decided' : 'not_found', request));
          return;
        }
        await client.views.open({
          trigger_id: body.trigger_id,
          view: rejectReasonModal({ kind, id: request.id }, request.ref),
        });
      },
      reply,
    );
  };
}
