import type { Reminder } from '../../domain/reminders/ports';
import type { WaitingRequest } from '../../domain/requests/waiting';
import { context, type SlackMessage, section } from './blocks';
import { mention, slackTime } from './escape';
import { waitingSummary } from './waiting-words';

/** Where to decide: the request's own message (its permalink) and the Home tab. */
function whereToDecide(permalink: string | undefined): string {
  return permalink
    ? `<${permalink}|Open it in the finance channel> or your Paydesk Home tab to approve or reject it.`
    : 'Approve or reject it from its message in the finance channel or your Paydesk Home tab.';
}

/** A nudge to one approver of a request waiting for approval; the last one says when it expires. */
export function reminderDm(reminder: Reminder, permalink: string | undefined): SlackMessage {
  const { request, expiresAt } = reminder;
  const waitingSince = `Requested by ${mention(request.requestedBy)} ${slackTime(request.requestedAt)}.`;
  const title =
    reminder.lastWarning && expiresAt
      ? `:hourglass_flowing_sand: *Last reminder: ${request.ref} expires ${slackTime(expiresAt)}* unless someone in finance decides.`
      : `:wave: *${request.ref} is waiting for your approval.*`;
  const expiry =
    !reminder.lastWarning && expiresAt ? ` It expires ${slackTime(expiresAt)} if nobody decides.` : '';
  return {
    text: reminder.lastWarning
      ? `Last reminder: ${request.ref} expires soon unless someone decides`
      : `Reminder: ${request.ref} is waiting for your approval`,
    blocks: [
      section(`${title}\n${waitingSummary(request)}`),
      section(`${waitingSince}${expiry} ${whereToDecide(permalink)}`),
      context(
        'Paydesk reminds the people who can approve a request once a business day until it is decided.',
      ),
    ],
  };
}

/** To the requester: nobody decided in time, so their request expired and nothing moved. */
export function expiredDm(
  request: WaitingRequest,
  expiryDays: number,
  permalink: string | undefined,
): SlackMessage {
  const link = permalink ? ` <${permalink}|See it in the finance channel.>` : '';
  const text = `${request.ref} expired: nobody decided within ${expiryDays} days.`;
  return {
    text,
    blocks: [
      section(`:hourglass: *${text}*\n${waitingSummary(request)}`),
      section(`Nothing was paid or moved. Request it again if it is still needed.${link}`),
    ],
  };
}
