import { batchEventHandlers } from '../domain/batch/event-handlers';
import { onboardingEventHandlers } from '../domain/onboarding/event-handlers';
import { applyTopupEvent, TOPUP_EVENT_TYPES } from '../domain/topups/apply-topup-event';
import { applyTransferEvent, TRANSFER_EVENT_TYPES } from '../domain/transfers/apply-transfer-event';
import type { Services } from './services';

/** Each feature says which Stripe events it acts on; intake (domain/webhooks) stays generic. */
export function registerStripeEventHandlers(services: Services): void {
  for (const type of TOPUP_EVENT_TYPES) {
    services.stripeEventHandlers.on(type, async (event) => {
      await applyTopupEvent(services.topupDeps, event);
    });
  }
  for (const type of TRANSFER_EVENT_TYPES) {
    services.stripeEventHandlers.on(type, (event) => applyTransferEvent(services.transferDeps, event));
  }
  for (const [type, handler] of onboardingEventHandlers(services.onboardingDeps)) {
    services.stripeEventHandlers.on(type, handler);
  }
  for (const [type, handler] of batchEventHandlers(services.batchDeps)) {
    services.stripeEventHandlers.on(type, handler);
  }
}
