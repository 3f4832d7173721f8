import type { ApprovableRequest, ApprovalRefusal } from '../../domain/requests/types';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { statusWords } from './status-words';

/** "You" to the person reading, a mention to anyone else. */
function who(userId: string, viewerId: string | undefined): string {
  return userId === viewerId ? 'You' : mention(userId);
}

/** What became of a request someone clicked on too late, said to that person. */
function alreadyDecided(request: ApprovableRequest, viewerId: string | undefined): string {
  const now = statusWords(request.status);
  if (request.status === 'rejected' && request.rejection) {
    const { userId, at, reason } = request.rejection;
    return `${who(userId, viewerId)} already rejected ${request.ref} ${slackTime(at)}: ${escapeMrkdwn(reason)}`;
  }
  if (request.status === 'expired')
    return `${request.ref} expired without a decision. Request it again if it is still needed.`;
  if (request.status === 'canceled') return `${request.ref} was cancelled, so there is nothing to approve.`;
  const mine = request.approvals.find((approval) => approval.userId === viewerId);
  const others = request.approvals.filter((approval) => approval.userId !== viewerId);
  const named = others.map((approval) => `${mention(approval.userId)} ${slackTime(approval.at)}`);
  if (mine) {
    const also = named.length > 0 ? ` (and ${named.join(' and ')})` : '';
    return `You already approved ${request.ref} ${slackTime(mine.at)}${also}. It is now ${now}.`;
  }
  if (named.length > 0) return `${named.join(' and ')} already approved ${request.ref}. It is now ${now}.`;
  return `${request.ref} is already ${now}.`;
}

/**
 * Why a click on Approve (or Reject) did nothing, told to the person who clicked (ephemeral).
 * `viewerId` is who clicked, so their own earlier click reads "You already approved…".
 */
export function approvalRefusalMessage(
  reason: ApprovalRefusal,
  request: ApprovableRequest | undefined,
  viewerId?: string,
): EphemeralMessage {
  switch (reason) {
    case 'not_finance':
      return ephemeralText(
        'Only the finance team can approve payouts. Ask in the finance channel if you think you should be.',
      );
    case 'not_found':
      return ephemeralText("That request doesn't exist. Nothing was changed.");
    case 'self_approval':
      return ephemeralText(
        `You requested ${request?.ref ?? 'this'}, so someone else in finance has to approve it.`,
      );
    case 'already_approved_by_you':
      return ephemeralText(
        `You already approved ${request?.ref ?? 'this'}; it needs another approval from someone else in finance.`,
      );
    case 'already_decided':
      return ephemeralText(request ? alreadyDecided(request, viewerId) : 'That request was already decided.');
  }
}
