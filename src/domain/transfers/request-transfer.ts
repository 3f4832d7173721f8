import { PaydeskError } from '../errors';
import { formatCents, parseAmountCents, spacedAmountReadings, splitLeadingAmount } from '../money';
import { quoteInput } from '../mrkdwn';
import type { Writer } from '../onboarding/types';
import type { BalanceSummary } from '../ports/stripe-gateway';
import { requiredApprovalsFor } from '../requests/approval-policy';
import { eligibleApprovers } from '../requests/conflict-of-interest';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from './daily-cap';
import type { TransferDeps } from './deps';
import { freshTransfer } from './fresh-transfer';
import type { Transfer } from './types';

export const MEMO_MAX = 200;
const USAGE = 'Try `/transfer @writer 9.00 Answers for May`.';

export class TransferInputError extends PaydeskError {
  constructor(problem: string) {
    super('transfer_invalid', `Couldn't request a transfer: ${problem}. ${USAGE} Nothing was changed.`);
  }
}

/** Slack sends a mention as `<@U0123ABC|name>` (the manifest escapes); a bare id is accepted too. */
export function parseUserMention(text: string): string | undefined {
  const match = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(text) ?? /^([UW][A-Z0-9]{2,})$/.exec(text);
  return match?.[1];
}

/** Why this writer cannot be paid now, or undefined when they can. */
export function writerPayabilityProblem(writer: Writer | undefined, mention: string): string | undefined {
  if (!writer) return `${mention} isn't a writer yet; invite them first with \`/payouts invite ${mention}\``;
  switch (writer.status) {
    case 'active':
      return writer.stripeAccountId ? undefined : `${mention} has no Stripe account yet`;
    case 'invited':
    case 'onboarding':
      return `${mention} hasn't finished connecting their Stripe account yet`;
    case 'restricted':
      return `Stripe has restricted ${mention}'s account until they provide: ${writer.requirementsDue.join(', ') || 'more details'}`;
    case 'deauthorized':
      return `${mention} disconnected their Stripe account from the platform`;
  }
}

export function parseTransferCommand(text: string): {
  writerUserId: string;
  amountText: string;
  memo: string;
} {
  const [who = '', ...others] = text.trim().split(/\s+/);
  const { amountText, rest: memo } = splitLeadingAmount(others.join(' '));
  const writerUserId = parseUserMention(who);
  if (!writerUserId) {
    throw new TransferInputError(
      who === '' ? 'say who to pay' : `${quoteInput(who)} isn't a Slack mention of a writer`,
    );
  }
  if (amountText === '') throw new TransferInputError('say how much');
  return { writerUserId, amountText, memo };
}

export type TransferRequestResult = { transfer: Transfer; balanceWarning: string | undefined };

/**
 * Stores a transfer request (with its idempotency key) after checking everything that can be
 * checked now; the daily cap and the writer are checked again, atomically, at approval.
 */
export async function requestTransfer(
  deps: TransferDeps,
  input: { text: string; requestedBy: SlackUserRef },
): Promise<TransferRequestResult> {
  const parsed = parseTransferCommand(input.text);
  const mention = `<@${parsed.writerUserId}>`;
  const twoReadings = spacedAmountReadings(parsed.amountText, parsed.memo);
  if (twoReadings) throw new TransferInputError(`${quoteInput(parsed.amountText)} ${twoReadings}`);
  const amount = parseAmountCents(parsed.amountText, { maxCents: deps.policy.maxTransferCents });
  if (!amount.ok) throw new TransferInputError(`${quoteInput(parsed.amountText)} ${amount.reason}`);
  if (parsed.memo.length > MEMO_MAX)
    throw new TransferInputError(`the memo is longer than ${MEMO_MAX} characters`);
  const writer = await deps.writers.findBySlackUser(input.requestedBy.teamId, parsed.writerUserId);
  const problem = writerPayabilityProblem(writer, mention);
  if (problem || !writer?.stripeAccountId)
    throw new TransferInputError(problem ?? `${mention} can't be paid yet`);
  const now = deps.clock();
  const usedToday = await deps.dailyTotals.used(capDayOf(now));
  if (usedToday + amount.cents > deps.policy.dailyTransferCapCents) {
    throw new TransferInputError(
      `it would pass today's transfer cap of ${formatCents(deps.policy.dailyTransferCapCents)} (${formatCents(usedToday)} already approved today)`,
    );
  }
  const transfer = await deps.transfers.create({
    ...freshTransfer({
      amountCents: amount.cents,
      status: 'requested',
      requestedBy: input.requestedBy,
      requestedAt: now,
      requiredApprovals: requiredApprovalsFor(amount.cents, deps.policy.dualApprovalAboveCents),
      approvals: [],
      decidedAt: null,
      writerId: writer.id,
      writerSlackUserId: writer.slackUserId,
      writerName: writer.displayName,
      destination: writer.stripeAccountId,
      memo: parsed.memo,
    }),
    eligibleApprovers: await eligibleApprovers(deps.approvers, input.requestedBy.userId, [
      writer.slackUserId,
    ]),
  });
  if (!transfer) throw new Error('a new transfer collided with an existing idempotency key');
  await deps.audit.append({
    actor: { kind: 'slack', ...input.requestedBy },
    action: 'transfer.requested',
    subject: { type: 'transfer', id: transfer.ref },
    details: {
      requestId: transfer.id,
      amountCents: transfer.amountCents,
      writerId: writer.id,
      destination: transfer.destination,
      memo: transfer.memo,
    },
  });
  const balance: BalanceSummary | undefined = await deps.stripe.balance().catch(() => undefined);
  const message = await deps.notifier.postRequest(transfer, { balance, writerReady: true });
  const stored = message ? { ...transfer, slackMessage: message } : transfer;
  if (message) await deps.transfers.setSlackMessage(transfer.id, message);
  const balanceWarning =
    balance && balance.availableCents < transfer.amountCents
      ? `Heads up: the available balance is ${formatCents(balance.availableCents)}, less than ${formatCents(transfer.amountCents)}. It will fail unless a top-up settles before it is approved.`
      : undefined;
  return { transfer: stored, balanceWarning };
}
