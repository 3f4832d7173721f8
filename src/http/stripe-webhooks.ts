import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import getRawBody from 'raw-body';
import type Stripe from 'stripe';
import { type ReceiveStripeEventDeps, receiveStripeEvent } from '../domain/webhooks/receive-stripe-event';
import { sendJson } from './respond';

export const STRIPE_WEBHOOK_BODY_LIMIT = 512 * 1024;

export type StripeWebhookRouteDeps = ReceiveStripeEventDeps & {
  stripe: Stripe;
  /** Platform endpoint secret first, then the Connect endpoint's. */
  signingSecrets: string[];
};

/**
 * POST /stripe/webhooks. The signature covers the exact bytes Stripe sent, so the body is read
 * raw and verified before it is parsed. 400 for a bad signature (Stripe stops retrying), 5xx when
 * we could not record or process the event (Stripe retries), 200 otherwise.
 */
export function stripeWebhookRoute(deps: StripeWebhookRouteDeps): CustomRoute {
  return {
    path: '/stripe/webhooks',
    method: ['POST'],
    handler: (req, res) => {
      void handle(req, res, deps);
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: StripeWebhookRouteDeps,
): Promise<void> {
  let body: Buffer;
  try {
    body = await getRawBody(req, { limit: STRIPE_WEBHOOK_BODY_LIMIT });
  } catch (error) {
    const status = (error as { status?: number }).status === 413 ? 413 : 400;
    return sendJson(res, status, { error: status === 413 ? 'body too large' : 'unreadable body' });
  }
  const signature = req.headers['stripe-signature'];
  const event = typeof signature === 'string' ? verify(body, signature, deps) : undefined;
  if (!event) return sendJson(res, 400, { error: 'invalid signature' });
  try {
    const outcome = await receiveStripeEvent(event, deps);
    // Another delivery of this event is being processed right now (or crashed mid-way): ask
    // Stripe to come back later rather than acknowledge work that may never finish.
    if (outcome === 'in-progress') return sendJson(res, 409, { error: 'being processed, retry later' });
    sendJson(res, 200, { received: true, outcome });
  } catch (error) {
    deps.logger.warn({ err: error, eventId: event.id }, 'stripe event not processed; Stripe will retry');
    sendJson(res, 503, { error: 'not processed, retry later' });
  }
}

function verify(body: Buffer, signature: string, deps: StripeWebhookRouteDeps): Stripe.Event | undefined {
  for (const secret of deps.signingSecrets) {
    try {
      return deps.stripe.webhooks.constructEvent(body, signature, secret);
    } catch {
      // try the next endpoint's secret
    }
  }
  return undefined;
}
