import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { requestPayoutRun, validateBatchInput } from '../../../domain/batch/request-run';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import type { Services } from '../../../services';
import { batchRequestedConfirmation } from '../../views/batch-message';
import { BATCH_FIELDS } from '../../views/batch-modals';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

function field(view: ViewSubmitAction['view'], which: keyof typeof BATCH_FIELDS): string {
  const { block, input } = BATCH_FIELDS[which];
  return view.state.values[block]?.[input]?.value ?? '';
}

/**
 * The payout run form: the CSV's shape, the share and the memo are checked before the ack (no
 * I/O), and problems go back into the form; writers are resolved and the run stored after it.
 */
export function batchRequestSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const input = {
      csv: field(view, 'csv'),
      sharePercent: field(view, 'share'),
      defaultMemo: field(view, 'memo'),
      requestedBy: slackUser(body),
      source: 'slack_modal' as const,
    };
    try {
      validateBatchInput(input);
    } catch (error) {
      const which = ((error as { field?: keyof typeof BATCH_FIELDS }).field ??
        'csv') as keyof typeof BATCH_FIELDS;
      const message = error instanceof PaydeskError ? error.userMessage : 'Check the CSV.';
      await ack({
        response_action: 'errors',
        errors: {
          [BATCH_FIELDS[which].block]: message.replace(/^Couldn't read the payout run: /, '').slice(0, 300),
        },
      });
      return;
    }
    await ack();
    const tell = (text: string) =>
      client.chat.postEphemeral({
        channel: services.config.finance.channelId,
        user: input.requestedBy.userId,
        text,
      });
    afterAck(
      services,
      'payout run form',
      async () => {
        if (!(await services.finance.isMember(input.requestedBy.userId))) throw new NotFinanceError();
        const { run, warnings } = await requestPayoutRun(services.batchDeps, input);
        await tell(batchRequestedConfirmation(run, warnings).text);
      },
      (message) => tell(message.text),
    );
  };
}
