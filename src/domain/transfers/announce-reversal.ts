import type { TransferDeps } from './deps';
import type { Transfer } from './types';

/**
 * Queues the finance alert and the writer's DM of every reversal of this transfer not announced
 * yet, then records each as announced. The outbox keeps each message once by its key, so a crash
 * between the two steps, or two replicas doing this at once, sends nothing twice.
 */
export async function announceReversals(
  deps: Pick<TransferDeps, 'notifier' | 'transfers'>,
  transfer: Transfer,
): Promise<void> {
  for (const reversal of transfer.reversals) {
    if (reversal.announced !== false) continue;
    await deps.notifier.reversed(transfer, {
      id: reversal.stripeReversalId,
      amountCents: reversal.amountCents,
    });
    await deps.transfers.markReversalAnnounced(transfer.id, reversal.stripeReversalId);
  }
}
