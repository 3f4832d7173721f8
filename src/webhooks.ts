import type { Services } from './services';

/** Each feature says which Stripe events it acts on; intake (domain/webhooks) stays generic. */
export function registerStripeEventHandlers(_services: Services): void {}
