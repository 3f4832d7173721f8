import type { TopupDeps } from './deps';
import type { Topup } from './types';

const ALERTED: Topup['status'][] = ['succeeded', 'failed', 'canceled', 'reversed'];

export function alertDue(topup: Topup): boolean {
  return ALERTED.includes(topup.status) && topup.alertedStatus !== topup.status;
}

/**
 * Queues the request message's update and the channel alert for the top-up's current status.
 * Queuing is what happens once: the alert's key (top-up and status) is stored once in the Slack
 * outbox, whoever queues it and however often; then the top-up records it as alerted. A crash in
 * between leaves it due for the reconciler, whose queuing finds the key and only records it.
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
