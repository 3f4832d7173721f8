import type { TopupDeps } from './deps';
import type { Topup } from './types';

const ALERTED: Topup['status'][] = ['succeeded', 'failed', 'canceled', 'reversed'];

export function alertDue(topup: Topup): boolean {
  return ALERTED.includes(topup.status) && topup.alertedStatus !== topup.status;
}

/**
 * Updates the request message and posts the channel alert for the top-up's current status,
 * then records that it was sent. Sent before it is recorded: a crash in between repeats an
 * alert (the reconciler resends what is due) rather than losing it.
 */
export async function sendTopupNews(deps: TopupDeps, topup: Topup): Promise<void> {
  await deps.notifier.refresh(topup);
  if (!alertDue(topup)) return;
  if (topup.status === 'succeeded') {
    const balance = await deps.stripe.balance().catch(() => undefined);
    await deps.notifier.settled(topup, balance);
  } else {
    await deps.notifier.ended(topup);
  }
  await deps.topups.markAlerted(topup.id, topup.status);
}
