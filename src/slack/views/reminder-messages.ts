import type { Reminder } from '../../domain/reminders/ports';
import type { WaitingRequest } from '../../domain/requests/waiting';
import { context, type SlackMessage, section } from './blocks';
import { mention, slackTime } from './escape';
import { plural } from './home-shared';
import { refWithAttempt } from './status-words';
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

/** What did not happen, and how to ask again, per kind (a reversal never expires). */
const NOT_DONE: Record<WaitingRequest['kind'], { outcome: string; again: string }> = {
  topup: { outcome: 'moved no money', again: 'Request it again with `/topup` if it is still needed.' },
  transfer: { outcome: 'was not paid', again: 'Request it again with `/transfer` if it is still due.' },
  payout_run: {
    outcome: 'paid nobody',
    again: 'Upload it again with `/payouts batch` if it is still due.',
  },
  reversal: {
    outcome: 'reversed nothing',
    again: 'Ask again with Reverse… on its message if it is still needed.',
  },
};

/**
 * How it waited. A top-up's or transfer's expiry counts from its last change, so one approval of
 * two restarts it; a payout run's counts from its request.
 */
function howItWaited(request: WaitingRequest, expiryDays: number): string {
  const days = plural(expiryDays, 'day');
  const got = request.approvedBy.length;
  if (got === 0) return `it waited ${days} for approval`;
  const approvals = `${got} of the ${request.requiredApprovals} approvals it needs`;
  const rest = request.requiredApprovals - got === 1 ? 'the last one' : 'the others';
  return request.kind === 'payout_run'
    ? `it waited ${days} for approval, got ${approvals},`
    : `it got ${approvals}, then waited ${days} for ${rest},`;
}

/** To the requester: their request expired undecided, what that means, and how to ask again. */
export function expiredDm(
  request: WaitingRequest,
  expiryDays: number,
  permalink: string | undefined,
): SlackMessage {
  const link = permalink ? ` <${permalink}|See it in the finance channel.>` : '';
  const { outcome, again } = NOT_DONE[request.kind];
  const text = `${refWithAttempt(request)} expired: ${howItWaited(request, expiryDays)} and ${outcome}.`;
  return {
    text,
    blocks: [section(`:hourglass: *${text}*\n${waitingSummary(request)}`), section(`${again}${link}`)],
  };
}
