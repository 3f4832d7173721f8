import type { TopupDeps } from './deps';
import type { Topup } from './types';

/** Long enough to post one message; a sender that died releases it by letting it lapse. */
const CLAIM_MS = 30_000;
const ALERTED: Topup['status'][] = ['succeeded', 'failed', 'canceled', 'reversed'];

export function alertDue(topup: Topup): boolean {
  return ALERTED.includes(topup.status) && topup.alertedStatus !== topup.status;
}

/**
 * Updates the request message and posts the channel alert for the top-up's current status.
 * One sender claims the alert, posts, then records it; a sender that dies in between lets its
 * claim lapse and the reconciler sends it, so an alert is repeated at worst, never lost.
 */
export async function sendTopupNews(deps: TopupDeps, topup: Topup): Promise<void> {
  await deps.notifier.refresh(topup);
  if (!alertDue(topup)) return;
  if (!(await deps.topups.claimAlert(topup.id, topup.status, deps.clock(), CLAIM_MS))) return;
  if (topup.status === 'succeeded') {
    const balance = await deps.stripe.balance().catch(() => undefined);
    await deps.notifier.settled(topup, balance);
  } else {
    await deps.notifier.ended(topup);
  }
  await deps.topups.markAlerted(topup.id, topup.status);
}
