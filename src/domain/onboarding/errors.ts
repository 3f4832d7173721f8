import { NOTHING_CHANGED, PaydeskError } from '../errors';
import { quoteInput } from '../mrkdwn';

export class NotAWriterReferenceError extends PaydeskError {
  constructor(text: string) {
    super(
      'bad_writer_reference',
      `Couldn't invite: ${quoteInput(text, 60)} isn't a Slack mention or an email address. Try \`/payouts invite @writer\` or \`/payouts invite writer@example.com\`. ${NOTHING_CHANGED}`,
    );
  }
}

export class SlackUserNotFoundError extends PaydeskError {
  constructor(what: string) {
    super(
      'slack_user_not_found',
      `Couldn't invite: nobody in this Slack workspace matches ${what}. Check the spelling, or mention them with @. ${NOTHING_CHANGED}`,
    );
  }
}

export class CannotInviteError extends PaydeskError {
  constructor(reason: string) {
    super('cannot_invite', `Couldn't invite: ${reason} ${NOTHING_CHANGED}`);
  }
}

export class DirectMessageFailedError extends PaydeskError {
  constructor(who: string, slackError: string) {
    super(
      'dm_failed',
      `Couldn't send ${who} a direct message (Slack said ${quoteInput(slackError, 80)}). Try again in a minute; if it keeps failing, check that Paydesk can message them.`,
    );
  }
}

export class NotInvitedError extends PaydeskError {
  constructor() {
    super(
      'not_invited',
      "You haven't been invited to get paid through Paydesk yet. Ask someone in finance to run `/payouts invite @you`.",
    );
  }
}

export class WriterDisconnectedError extends PaydeskError {
  constructor() {
    super(
      'writer_deauthorized',
      'You disconnected Paydesk from your Stripe account. Ask someone in finance to invite you again with `/payouts invite`.',
    );
  }
}

export class NotConnectedYetError extends PaydeskError {
  constructor() {
    super(
      'not_connected',
      "Your Stripe account isn't connected yet, so there is no dashboard to open. Run `/payouts connect` to get a link and finish with Stripe.",
    );
  }
}

export class DashboardUnavailableError extends PaydeskError {
  constructor() {
    super(
      'dashboard_unavailable',
      "Stripe couldn't open your dashboard right now. If you haven't finished Stripe's onboarding, run `/payouts connect` first; otherwise try again in a few minutes.",
    );
  }
}
