import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import { requestTopup, validateTopupInput } from '../../../domain/topups/request-topup';
import type { Services } from '../../../services';
import { topupRequestedConfirmation } from '../../views/topup-confirmation';
import { TOPUP_FIELDS } from '../../views/topup-request-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

function field(view: ViewSubmitAction['view'], which: keyof typeof TOPUP_FIELDS): string {
  const { block, input } = TOPUP_FIELDS[which];
  return view.state.values[block]?.[input]?.value ?? '';
}

/** The top-up form: input problems go back into the form (no I/O before that ack). */
export function topupRequestSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const input = {
      amountText: field(view, 'amount'),
      description: field(view, 'description'),
      statementDescriptor: field(view, 'statementDescriptor'),
      requestedBy: slackUser(body),
    };
    try {
      validateTopupInput(input, services.config.policy.maxTopupCents);
    } catch (error) {
      const message = error instanceof PaydeskError ? error.userMessage : 'Check the amount.';
      const block = /statement descriptor/.test(message)
        ? TOPUP_FIELDS.statementDescriptor.block
        : /description/.test(message)
          ? TOPUP_FIELDS.description.block
          : TOPUP_FIELDS.amount.block;
      await ack({ response_action: 'errors', errors: { [block]: message.replace(/ Try `.*$/, '') } });
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
      'top-up form',
      async () => {
        if (!(await services.finance.isMember(input.requestedBy.userId))) throw new NotFinanceError();
        const topup = await requestTopup(services.topupDeps, input);
        await tell(topupRequestedConfirmation(topup, undefined).text);
      },
      (message) => tell(message.text),
    );
  };
}
