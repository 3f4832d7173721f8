import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Services } from '../../../app/services';
import type { SlackUserRef } from '../../../domain/requests/types';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export type SubmittedView = ViewSubmitAction['view'];

export type FormSubmission = {
  view: SubmittedView;
  /** Who submitted, from the signed payload. */
  user: SlackUserRef;
  isFinance: () => Promise<boolean>;
  /** A private message to the submitter in the finance channel (a modal has no response_url). */
  tell: (text: string) => Promise<unknown>;
};

/** The text typed into one input of a submitted modal. */
export function inputValue(view: SubmittedView, field: { block: string; input: string }): string {
  return view.state.values[field.block]?.[field.input]?.value ?? '';
}

/**
 * Every modal: `check` looks at the input alone (no I/O, so the ack stays fast) and returns
 * errors to show in the form; otherwise ack, then do the work; a failure is told privately.
 */
export function formListener(
  services: Services,
  name: string,
  handlers: {
    check?: (view: SubmittedView, user: SlackUserRef) => Record<string, string> | undefined;
    work: (form: FormSubmission) => Promise<void>;
  },
) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const user = slackUser(body);
    const errors = handlers.check?.(view, user);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const tell = (text: string) =>
      client.chat
        .postEphemeral({ channel: services.config.finance.channelId, user: user.userId, text })
        .catch((error) => services.logger.warn({ err: error }, 'could not answer a form submission'));
    afterAck(
      services,
      name,
      () => handlers.work({ view, user, isFinance: () => services.finance.isMember(user.userId), tell }),
      (message) => tell(message.text),
    );
  };
}
