import { NotFinanceError, PaydeskError } from '../errors';
import { afterStripeCall } from '../requests/after-stripe';
import type { SlackUserRef } from '../requests/types';
import { statusWords } from '../status-words';
import type { TopupDeps } from './deps';
import type { Topup } from './types';

/** pending → canceled. Stripe allows cancelling a top-up only while it is pending. */
export async function cancelTopup(
  deps: TopupDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean },
): Promise<Topup> {
  if (!input.isFinance) throw new NotFinanceError();
  const topup = await deps.topups.load(input.id);
  if (!topup) throw new PaydeskError('not_found', "That top-up doesn't exist any more. Nothing was changed.");
  if (topup.status !== 'pending' || !topup.stripeTopupId) {
    throw new PaydeskError(
      'not_cancelable',
      `${topup.ref} is ${statusWords(topup.status)}, so it can't be cancelled; only top-ups pending at Stripe can. Nothing was changed.`,
    );
  }
  try {
    await deps.stripe.cancelTopup(topup.stripeTopupId, `topup-cancel:${topup.id}`);
  } catch (error) {
    const failure = deps.stripe.classifyError(error);
    throw new PaydeskError(
      'cancel_failed',
      failure.kind === 'definitive'
        ? `Stripe would not cancel ${topup.ref}: ${failure.message} Nothing was changed.`
        : `Stripe did not answer about cancelling ${topup.ref}, so it may or may not be cancelled; its message updates when Stripe says. Cancel again to ask once more (the same request, so it cannot do anything twice).`,
    );
  }
  // Stripe cancelled it; its topup.canceled event records it if this does not.
  return afterStripeCall(topup.ref, deps.logger, () => recordCanceled(deps, topup, input.user));
}

async function recordCanceled(deps: TopupDeps, topup: Topup, user: SlackUserRef): Promise<Topup> {
  const canceled = await deps.topups.transition(topup.id, 'pending', 'canceled', {
    canceledBy: user.userId,
    alertedStatus: 'canceled',
  });
  const result = canceled ?? (await deps.topups.load(topup.id)) ?? topup;
  if (canceled) {
    await deps.audit.append({
      actor: { kind: 'slack', ...user },
      action: 'topup.canceled',
      subject: { type: 'topup', id: topup.ref },
      details: { requestId: topup.id, amountCents: topup.amountCents, stripeTopupId: topup.stripeTopupId },
    });
    await deps.notifier.refresh(canceled);
  }
  return result;
}
