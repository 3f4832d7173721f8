import { batchEventHandlers } from '../domain/batch/event-handlers';
import { onboardingEventHandlers } from '../domain/onboarding/event-handlers';
import { applyTopupEvent, findPaydeskTopup, TOPUP_EVENT_TYPES } from '../domain/topups/apply-topup-event';
import {
  applyTransferEvent,
  findTransfer,
  TRANSFER_EVENT_TYPES,
} from '../domain/transfers/apply-transfer-event';
import type { Services } from './services';

/**
 * Each feature says which Stripe events it acts on, and which accounts and objects are its own;
 * intake (domain/webhooks) stays generic. Events it ignores go to the audit trail.
 */
export function registerStripeEventHandlers(services: Services): void {
  const registry = services.stripeEventHandlers;
  for (const type of TOPUP_EVENT_TYPES) {
    registry.on(type, async (event) => {
      await applyTopupEvent(services.topupDeps, event);
    });
  }
  for (const type of TRANSFER_EVENT_TYPES) {
    registry.on(type, (event) => applyTransferEvent(services.transferDeps, event));
  }
  for (const [type, handler] of onboardingEventHandlers(services.onboardingDeps)) {
    registry.on(type, handler);
  }
  for (const [type, handler] of batchEventHandlers(services.batchDeps)) {
    registry.on(type, handler);
  }
  registry
    // Connect events count only for accounts Paydesk created or linked (the stripeAccounts collection).
    .ownsAccounts(
      async (accountId) =>
        (await services.onboardingDeps.stripeAccounts.findByAccountId(accountId)) !== undefined,
    )
    .ownsObjects(
      'topup',
      async (object) => (await findPaydeskTopup(services.topupDeps, object)) !== undefined,
    )
    .ownsObjects(
      'transfer',
      async (object) => (await findTransfer(services.transferDeps, object)) !== undefined,
    )
    .onIgnored((fact) => services.audit.append(fact));
}
