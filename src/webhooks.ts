import { applyTopupEvent, TOPUP_EVENT_TYPES } from './domain/topups/apply-topup-event';
import type { Services } from './services';

/** Each feature says which Stripe events it acts on; intake (domain/webhooks) stays generic. */
export function registerStripeEventHandlers(services: Services): void {
  for (const type of TOPUP_EVENT_TYPES) {
    services.stripeEventHandlers.on(type, async (event) => {
      await applyTopupEvent(services.topupDeps, event);
    });
  }
}
