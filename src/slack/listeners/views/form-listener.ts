import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Services } from '../../../app/services';
import type { SlackUserRef } from '../../../domain/requests/types';
import { openedFromHome } from '../../home/home-origin';
import { refreshHome } from '../../home/publish-home';
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
 * How long a check that reads something (the transfer a reversal is for) may take before the ack.
 * With the replay check's 1.5 s before it (http/slack-replay-guard.ts), the ack leaves by 2.5 s.
 */
export const CHECK_ACK_BUDGET_MS = 1000;

type FieldErrors = Record<string, string> | undefined;

/**
 * A check's errors if it answers within the budget; otherwise none, and the work checks the same
 * things again and tells the person privately (Slack drops an ack that comes after 3 s).
 */
async function withinBudget(check: FieldErrors | Promise<FieldErrors>): Promise<FieldErrors> {
  if (!(check instanceof Promise)) return check;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), CHECK_ACK_BUDGET_MS);
  });
  try {
    return await Promise.race([check.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every modal: `check` looks at the input (and at most a quick read, within CHECK_ACK_BUDGET_MS)
 * and returns errors to show in the form, next to their field, with what was typed kept;
 * otherwise ack, then do the work; a failure is told privately.
 */
export function formListener(
  services: Services,
  name: string,
  handlers: {
    check?: (view: SubmittedView, user: SlackUserRef) => FieldErrors | Promise<FieldErrors>;
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
    const errors = handlers.check ? await withinBudget(handlers.check(view, user)) : undefined;
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
      async () => {
        try {
          await handlers.work({ view, user, isFinance: () => services.finance.isMember(user.userId), tell });
        } finally {
          // A form opened from App Home (Reject's reason) refreshes the Home it came from.
          if (openedFromHome(view)) await refreshHome(services, user);
        }
      },
      (message) => tell(message.text),
    );
  };
}
