import { PaydeskError } from '../errors';
import { formatCents } from '../money';
import { quoteInput } from '../mrkdwn';
import type { TransferDeps } from './deps';
import type { Transfer } from './types';

/**
 * A transfer can have one reversal requested after another (asked, withdrawn, asked again for
 * another amount), so an Approve reversal / Keep the payment button names the request it was
 * shown for by its idempotency key. A click from a Home tab or message rendered before the
 * current request was made must not decide that one: it is refused, and the transfer's message
 * is refreshed so its buttons are the current request's.
 */
export async function checkShownReversal(
  deps: Pick<TransferDeps, 'notifier'>,
  transfer: Transfer,
  shownKey: string | undefined,
): Promise<void> {
  const current = transfer.reversalRequest;
  // An approved one is decided: the caller says so, whichever request the button showed.
  if (!current || current.approvedBy || shownKey === current.idempotencyKey) return;
  await deps.notifier.refresh(transfer);
  const waiting = `The one waiting now is ${formatCents(current.amountCents)} back from the ${formatCents(
    transfer.amountCents,
  )} paid to <@${transfer.writerSlackUserId}>, asked for by <@${current.requestedBy}>: ${quoteInput(current.reason, 80)}.`;
  // Buttons rendered before they carried the request's key cannot say which request they showed.
  const which =
    shownKey === undefined
      ? `That button doesn't say which reversal of ${transfer.ref} it was for.`
      : `That reversal request of ${transfer.ref} was withdrawn or already decided.`;
  throw new PaydeskError(
    'reversal_changed',
    `${which} ${waiting} Open it from ${transfer.ref}'s message in the finance channel to decide on it. Nothing was changed.`,
  );
}
