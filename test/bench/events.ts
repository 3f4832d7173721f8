import Stripe from 'stripe';
import { TEST_SECRETS } from '../support/config';
import { post } from './load';

/** A Stripe event as the simulator emits it (and as Stripe sends it). */
export type BenchEvent = { id: string; type: string; account?: string; data: { object: unknown } };

/** Types Paydesk has no handler for: it must record and acknowledge them, nothing more. */
const UNKNOWN_TYPES = [
  'payout.paid',
  'charge.succeeded',
  'customer.created',
  'invoice.paid',
  'payment_intent.created',
];

let synthetic = 0;

/** An event of a type Paydesk does not handle, shaped like Stripe's. */
export function unknownEvent(): BenchEvent {
  synthetic += 1;
  const type = UNKNOWN_TYPES[synthetic % UNKNOWN_TYPES.length] as string;
  const event = {
    id: `evt_bench${String(synthetic).padStart(8, '0')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object: { id: `obj_bench${synthetic}`, object: type.split('.')[0] } },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
  return event;
}

export type SignedDelivery = { eventId: string; type: string; payload: string; signature: string };

/** Signed as Stripe signs: the pretty-printed body, the platform or (for Connect events) the Connect secret. */
export function signDelivery(event: BenchEvent): SignedDelivery {
  const payload = JSON.stringify(event, null, 2);
  const secret = event.account ? TEST_SECRETS.stripeConnectWebhookSecret : TEST_SECRETS.stripeWebhookSecret;
  return {
    eventId: event.id,
    type: event.type,
    payload,
    signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }),
  };
}

/** The delivery as Stripe posts it: the body it signed, with its headers. */
export function deliveryRequest(url: string, delivery: SignedDelivery) {
  return {
    url,
    body: delivery.payload,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': delivery.signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
  };
}

export function deliver(url: string, delivery: SignedDelivery): Promise<number> {
  const request = deliveryRequest(url, delivery);
  return post(request.url, request.body, request.headers);
}
