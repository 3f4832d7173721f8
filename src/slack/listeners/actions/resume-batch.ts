import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { resumePayoutRun } from '../../../domain/batch/resume-run';
import type { Services } from '../../../services';
import { type EphemeralMessage, ephemeralText } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

/** Resume on a paused payout run (its message, or the "top-up settled" note in its thread). */
export function resumeBatchAction(services: Services) {
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
      'resume payout run',
      async () => {
        const user = slackUser(body);
        const outcome = await resumePayoutRun(services.batchDeps, {
          id: action.value ?? '',
          user,
          isFinance: await services.finance.isMember(user.userId),
        });
        if (outcome.kind === 'refused') await reply(ephemeralText(outcome.message));
      },
      reply,
    );
  };
}
