import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { rejectPayoutRun } from '../../../domain/batch/approve-run';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { BATCH_REJECT_BLOCK, BATCH_REJECT_INPUT } from '../../views/batch-modals';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

const targetSchema = z.object({ id: z.string().max(64) });

/** The reason form behind a payout run's Reject button. */
export function batchRejectSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const reason = (view.state.values[BATCH_REJECT_BLOCK]?.[BATCH_REJECT_INPUT]?.value ?? '').trim();
    if (reason === '') {
      await ack({
        response_action: 'errors',
        errors: { [BATCH_REJECT_BLOCK]: 'Say why; the requester will see it.' },
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
      'reject payout run',
      async () => {
        const target = targetSchema.parse(JSON.parse(view.private_metadata || '{}'));
        const outcome = await rejectPayoutRun(services.batchDeps, {
          id: target.id,
          user,
          isFinance: await services.finance.isMember(user.userId),
          reason,
        });
        if (outcome.kind === 'too_late') {
          await tell(
            approvalRefusalMessage(outcome.request ? 'already_decided' : 'not_found', outcome.request).text,
          );
        }
      },
      (message) => tell(message.text),
    );
  };
}
