import type { ApprovableRequest, ApprovalRefusal } from '../../domain/requests/types';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention, slackTime } from './escape';

function alreadyDecided(request: ApprovableRequest): string {
  if (request.status === 'rejected' && request.rejection) {
    return `${request.ref} was already rejected by ${mention(request.rejection.userId)} ${slackTime(request.rejection.at)}: ${escapeMrkdwn(request.rejection.reason)}`;
  }
  if (request.status === 'expired')
    return `${request.ref} expired without a decision. Request it again if it is still needed.`;
  const approvals = request.approvals.map(
    (approval) => `${mention(approval.userId)} ${slackTime(approval.at)}`,
  );
  return approvals.length > 0
    ? `${request.ref} was already approved by ${approvals.join(' and ')}. It is now ${request.status}.`
    : `${request.ref} is already ${request.status}.`;
}

/** Why a click on Approve did nothing, told to the person who clicked (ephemeral). */
export function approvalRefusalMessage(
  reason: ApprovalRefusal,
  request: ApprovableRequest | undefined,
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
      return ephemeralText(request ? alreadyDecided(request) : 'That request was already decided.');
  }
}
