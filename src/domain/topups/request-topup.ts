import { PaydeskError } from '../errors';
import { parseAmountCents, spacedAmountReadings } from '../money';
import { quoteInput } from '../mrkdwn';
import type { BalanceSummary } from '../ports/stripe-gateway';
import { requiredApprovalsFor } from '../requests/approval-policy';
import { eligibleApprovers } from '../requests/conflict-of-interest';
import type { SlackUserRef } from '../requests/types';
import { expectedAvailability } from '../settlement';
import type { TopupDeps } from './deps';
import { DEFAULT_STATEMENT_DESCRIPTOR, statementDescriptorProblem } from './statement-descriptor';
import type { Topup } from './types';

export const DESCRIPTION_MAX = 200;

export class TopupInputError extends PaydeskError {
  constructor(problem: string) {
    super(
      'topup_invalid',
      `Couldn't request a top-up: ${problem}. Try \`/topup 2000 Weekly top-up\` or \`/topup $1,250.50\`. Nothing was changed.`,
    );
  }
}

export type TopupInput = {
  amountText: string;
  description?: string;
  /** Amount and description typed as one line (`/topup 1 500 rent`), where spaces can mislead. */
  typedOnOneLine?: boolean;
  statementDescriptor?: string;
  requestedBy: SlackUserRef;
};

/** Validates everything before storing anything: bad input changes nothing. */
export function validateTopupInput(input: TopupInput, maxTopupCents: number) {
  const twoReadings = input.typedOnOneLine
    ? spacedAmountReadings(input.amountText, input.description ?? '')
    : undefined;
  if (twoReadings) throw new TopupInputError(`${quoteInput(input.amountText)} ${twoReadings}`);
  const amount = parseAmountCents(input.amountText, { maxCents: maxTopupCents });
  if (!amount.ok) throw new TopupInputError(`${quoteInput(input.amountText)} ${amount.reason}`);
  const description = (input.description ?? '').trim() || 'Top-up';
  if (description.length > DESCRIPTION_MAX) {
    throw new TopupInputError(`the description is longer than ${DESCRIPTION_MAX} characters`);
  }
  const statementDescriptor = (input.statementDescriptor ?? '').trim() || DEFAULT_STATEMENT_DESCRIPTOR;
  const problem = statementDescriptorProblem(statementDescriptor);
  if (problem) throw new TopupInputError(`the statement descriptor ${problem}`);
  return { amountCents: amount.cents, description, statementDescriptor };
}

/**
 * Stores a top-up request (with its idempotency key) and posts it for approval. The balance
 * shown with it is best effort: a Stripe hiccup must not block the request.
 */
export async function requestTopup(deps: TopupDeps, input: TopupInput): Promise<Topup> {
  const valid = validateTopupInput(input, deps.policy.maxTopupCents);
  const now = deps.clock();
  const topup = await deps.topups.create({
    ...valid,
    currency: 'usd',
    status: 'requested',
    requestedBy: input.requestedBy,
    requestedAt: now,
    requiredApprovals: requiredApprovalsFor(valid.amountCents, deps.policy.dualApprovalAboveCents),
    eligibleApprovers: await eligibleApprovers(deps.approvers, input.requestedBy.userId, []),
    approvals: [],
    rejection: null,
    decidedAt: null,
    stripeTopupId: null,
    expectedAvailableAt: expectedAvailability(now),
    failure: null,
    slackMessage: null,
    submittedAt: null,
    settledAt: null,
    canceledBy: null,
    alertedStatus: null,
  });
  await deps.audit.append({
    actor: { kind: 'slack', ...input.requestedBy },
    action: 'topup.requested',
    subject: { type: 'topup', id: topup.ref },
    details: {
      requestId: topup.id,
      amountCents: topup.amountCents,
      description: topup.description,
      statementDescriptor: topup.statementDescriptor,
      requiredApprovals: topup.requiredApprovals,
    },
  });
  const balance: BalanceSummary | undefined = await deps.stripe.balance().catch((error) => {
    deps.logger.warn({ err: error }, 'balance unavailable for the top-up request message');
    return undefined;
  });
  const message = await deps.notifier.postRequest(topup, balance);
  if (message) {
    await deps.topups.setSlackMessage(topup.id, message);
    return { ...topup, slackMessage: message };
  }
  return topup;
}
