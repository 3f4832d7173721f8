import type Stripe from 'stripe';
import { createStripeClient } from '../../src/stripe/client';
import { type StripeGateway, stripeGateway } from '../../src/stripe/gateway';
import { ENV_STRIPE_MOCK_URL } from '../support/peers';

/**
 * stripe-node pointed at stripe-mock, which checks every request against Stripe's OpenAPI
 * spec: an unknown parameter, a wrong type or a missing required field is a 400 there.
 */
export function stripeMockClient(): { stripe: Stripe; gateway: StripeGateway } {
  const url = process.env[ENV_STRIPE_MOCK_URL];
  if (!url) throw new Error(`${ENV_STRIPE_MOCK_URL} is not set: run through jest's global setup`);
  const stripe = createStripeClient({ secretKey: 'sk_test_123', apiBase: url, maxNetworkRetries: 0 });
  return { stripe, gateway: stripeGateway(stripe) };
}
