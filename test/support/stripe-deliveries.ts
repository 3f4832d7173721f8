import Stripe from 'stripe';
import { TEST_SECRETS } from './config';
import type { World } from './world';

const signer = new Stripe(TEST_SECRETS.stripeSecretKey);

/** A webhook delivery as Stripe makes it: the raw body, signed for the endpoint's secret; the answer's status. */
export async function deliverSignedWebhook(
  world: World,
  payload: string,
  secret = TEST_SECRETS.stripeWebhookSecret,
): Promise<number> {
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`${world.app.url}/stripe/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}

/** A Stripe event no handler acts on (`balance.available`), created at `at`: something to sit in the inbox. */
export function balanceEvent(id: string, at: Date): string {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'balance.available',
    created: Math.floor(at.getTime() / 1000),
    livemode: false,
    data: { object: { object: 'balance' } },
  });
}
