import type { ConfirmationDialog } from '@slack/types';
import type { PayoutRunHeader, RunProgress } from '../../domain/batch/types';
import { formatCents } from '../../domain/money';
import { refWithAttempt } from '../../domain/status-words';
import type { Topup } from '../../domain/topups/types';
import type { Transfer } from '../../domain/transfers/types';
import { confirmDialog } from './confirm';

/**
 * The confirm dialogs in front of big or irreversible clicks, each naming the amount and who gets
 * it. Shared by the channel messages and App Home, so both ask the same question.
 */

const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The payee as a name: dialogs are plain text, where a mention would show as `<@U…>`. */
export function payeeName(transfer: { writerName?: string | null }): string {
  return transfer.writerName?.trim() || 'the writer';
}

function approvalsNote(required: number): string {
  return required > 1 ? ` It needs ${required} approvals; the last one sends it to Stripe.` : '';
}

/** Approve on a top-up above DUAL_APPROVAL_ABOVE_CENTS (the ones that need two approvals). */
export function approveTopupConfirm(
  topup: Pick<Topup, 'ref' | 'amountCents' | 'description' | 'requiredApprovals'>,
): ConfirmationDialog | undefined {
  if (topup.requiredApprovals < 2) return undefined;
  const amount = formatCents(topup.amountCents);
  return confirmDialog({
    title: `Approve ${amount} top-up?`,
    text: `${topup.ref}: ${amount} from the bank account into the platform's Stripe balance (${topup.description}).${approvalsNote(topup.requiredApprovals)}`,
    confirm: `Approve ${amount}`,
  });
}

/** Approve on a transfer above DUAL_APPROVAL_ABOVE_CENTS. */
export function approveTransferConfirm(
  transfer: Pick<Transfer, 'ref' | 'amountCents' | 'memo' | 'requiredApprovals'> & {
    attempt?: number;
    writerName?: string | null;
  },
): ConfirmationDialog | undefined {
  if (transfer.requiredApprovals < 2) return undefined;
  const amount = formatCents(transfer.amountCents);
  const memo = transfer.memo ? ` (${transfer.memo})` : '';
  return confirmDialog({
    title: `Pay ${amount} to ${payeeName(transfer)}?`,
    text: `${refWithAttempt(transfer)}: ${amount} to ${payeeName(transfer)}'s Stripe account${memo}.${approvalsNote(transfer.requiredApprovals)} Once paid it can only be reversed.`,
    confirm: `Approve ${amount}`,
  });
}

/** Cancel top-up: the bank debit is called off at Stripe; there is no undo. */
export function cancelTopupConfirm(topup: Topup): ConfirmationDialog {
  const amount = formatCents(topup.amountCents);
  return confirmDialog({
    title: `Cancel the ${amount} top-up?`,
    text: `${topup.ref}: Stripe calls off the ${amount} debit from the bank account, so it never reaches the platform's Stripe balance. This can't be undone; request a new top-up if it is needed after all.`,
    confirm: 'Cancel the top-up',
    deny: 'Keep it',
    style: 'danger',
  });
}

/** Approve reversal: money comes back from the writer's account, with the reason they will read. */
export function approveReversalConfirm(
  transfer: Pick<Transfer, 'ref' | 'amountCents'> & {
    attempt?: number;
    writerName?: string | null;
    reversalRequest?: { amountCents: number; reason: string } | null;
  },
): ConfirmationDialog | undefined {
  const request = transfer.reversalRequest;
  if (!request) return undefined;
  const amount = formatCents(request.amountCents);
  return confirmDialog({
    title: `Take back ${amount} from ${payeeName(transfer)}?`,
    text: `${refWithAttempt(transfer)}: ${amount} of the ${formatCents(transfer.amountCents)} paid to ${payeeName(transfer)} comes back to the platform's balance. They will be told why: "${request.reason}". This can't be undone.`,
    confirm: `Reverse ${amount}`,
    deny: 'Not now',
    style: 'danger',
  });
}

/** Approve on a payout run: the last approval starts paying every line. */
export function approveRunConfirm(
  run: Pick<PayoutRunHeader, 'ref' | 'amountCents' | 'lineCount' | 'requiredApprovals'>,
): ConfirmationDialog {
  const amount = formatCents(run.amountCents);
  const needs =
    run.requiredApprovals > 1
      ? ` It needs ${run.requiredApprovals} approvals; with the last one Paydesk starts paying at once.`
      : ' Paydesk starts paying at once.';
  return confirmDialog({
    title: `Pay ${amount} to ${count(run.lineCount, 'writer')}?`,
    text: `${run.ref}: ${count(run.lineCount, 'line')}, ${amount} in total, each to its writer's Stripe account (View lines shows who gets what).${needs} Paid lines can only be reversed one by one.`,
    confirm: `Approve ${amount}`,
  });
}

/** Cancel on a payout run, waiting or paused: what will not be paid, and what stays paid. */
export function cancelRunConfirm(
  run: PayoutRunHeader,
  progress: RunProgress | null | undefined,
): ConfirmationDialog {
  const failedLines = progress?.failedLines ?? 0;
  const untriedLines = run.lineCount - (progress?.paidLines ?? 0) - failedLines;
  const untriedCents = run.amountCents - (progress?.paidCents ?? 0) - (progress?.failedCents ?? 0);
  // A failed line is not paid either: cancelling takes away its retry, which the dialog must say.
  const failed =
    failedLines > 0
      ? ` The ${count(failedLines, 'failed line')} (${formatCents(progress?.failedCents ?? 0)}) will not be retried.`
      : '';
  const text =
    run.status === 'requested'
      ? `${run.ref} will not be paid and can no longer be approved: ${count(run.lineCount, 'line')}, ${formatCents(run.amountCents)}. Nothing has been paid.`
      : `${count(untriedLines, 'line')} not yet sent (${formatCents(untriedCents)}) will not be paid, and their share of the daily cap is given back.${failed} Lines already paid stay paid.`;
  return confirmDialog({
    title: `Cancel ${run.ref}?`,
    text,
    confirm: 'Cancel the run',
    deny: 'Keep it',
    style: 'danger',
  });
}
