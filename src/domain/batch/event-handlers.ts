import type Stripe from 'stripe';
import type { StripeEventHandler } from '../webhooks/registry';
import type { BatchDeps } from './deps';

/**
 * When a top-up settles, every run paused for lack of balance is told so in its thread, with a
 * Resume button (the button re-checks the balance when pressed).
 */
export function batchEventHandlers(deps: BatchDeps): [string, StripeEventHandler][] {
  return [
    [
      'topup.succeeded',
      async (event: Stripe.Event) => {
        const topup = event.data.object as Stripe.Topup;
        if (topup.object !== 'topup') return;
        const waiting = (await deps.runs.listPaused()).filter(
          (run) => run.pause?.reason === 'balance_insufficient',
        );
        if (waiting.length === 0) return;
        const balance = await deps.stripe.balance().catch(() => undefined);
        for (const run of waiting) {
          await deps.notifier
            .topupSettled(
              run,
              { ref: topup.metadata?.paydesk_ref ?? null, amountCents: topup.amount },
              balance,
            )
            .catch((error) =>
              deps.logger.error({ err: error, ref: run.ref }, 'could not offer Resume after a top-up'),
            );
        }
      },
    ],
  ];
}
