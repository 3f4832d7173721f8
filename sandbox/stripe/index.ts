/**
 * The sandbox Stripe: a real HTTP server speaking enough of Stripe's API (plus Connect OAuth and the hosted
 * onboarding pages) for stripe-node, with controllable time, faults, rate limits and webhook delivery.
 */
export { startStripeSimulator } from './simulator';
export type * from './types';
