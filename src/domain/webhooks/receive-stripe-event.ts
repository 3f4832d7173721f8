import type Stripe from 'stripe';
import type { Logger } from '../../logger';
import type { CrashSwitch } from '../crash-points';
import type { StripeEventsStore } from './ports';
import type { StripeEventHandlers } from './registry';

export type ReceiveOutcome = 'processed' | 'unhandled' | 'duplicate' | 'in-progress';

export type ReceiveStripeEventDeps = {
  stripeEvents: StripeEventsStore;
  handlers: StripeEventHandlers;
  clock: () => Date;
  logger: Logger;
  crash: CrashSwitch;
};

/**
 * Runs each verified event's handlers at most once to completion. Handlers only move state
 * forward with compare-and-set, so a takeover after a crash may safely run them again.
 * Throws when a handler fails, so the caller answers 5xx and Stripe delivers again.
 */
export async function receiveStripeEvent(
  event: Stripe.Event,
  deps: ReceiveStripeEventDeps,
): Promise<ReceiveOutcome> {
  const claim = await deps.stripeEvents.claim(event, deps.clock());
  if (claim === 'already-processed') return 'duplicate';
  if (claim === 'in-progress') return 'in-progress';
  const handlers = deps.handlers.for(event.type);
  try {
    for (const handler of handlers) {
      await handler(event);
      deps.crash('mid-webhook');
    }
  } catch (error) {
    deps.logger.error({ err: error, eventId: event.id, type: event.type }, 'stripe event handler failed');
    await deps.stripeEvents.release(event.id, (error as Error).message ?? 'handler failed').catch(() => {});
    throw error;
  }
  await deps.stripeEvents.markProcessed(event.id, deps.clock(), handlers.length > 0);
  return handlers.length > 0 ? 'processed' : 'unhandled';
}
