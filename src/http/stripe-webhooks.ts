import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import getRawBody from 'raw-body';
import type Stripe from 'stripe';
import {
  type ReceiveStripeEventDeps,
  receiveStripeEvent,
  type StripeEndpoint,
} from '../domain/webhooks/receive-stripe-event';
import { sendJson } from './respond';

export const STRIPE_WEBHOOK_BODY_LIMIT = 512 * 1024;

export type StripeWebhookRouteDeps = ReceiveStripeEventDeps & {
  stripe: Stripe;
  /**
   * The platform endpoint's signing secret, then the Connect endpoint's. Without a Connect secret
   * no Connect event is acted on (one signed with the platform secret is ignored as wrong_endpoint).
   */
  signingSecrets: readonly [platform: string, connect?: string | undefined];
};

/**
 * POST /stripe/webhooks. The signature covers the exact bytes Stripe sent, so the body is read
 * raw and verified before it is parsed, against each endpoint's secret: the domain acts on an event
 * only when it was signed for the endpoint it belongs to. 400 for a bad signature (Stripe stops
 * retrying), 5xx when we could not record or process the event (Stripe retries), 200 otherwise,
 * including for a verified event that is ignored (so Stripe stops sending it).
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
  const verified = typeof signature === 'string' ? verify(body, signature, deps) : undefined;
  if (!verified) return sendJson(res, 400, { error: 'invalid signature' });
  const { event, signedFor } = verified;
  try {
    const { outcome, reason } = await receiveStripeEvent(event, deps, signedFor);
    // Another delivery of this event is being processed right now (or crashed mid-way): ask
    // Stripe to come back later rather than acknowledge work that may never finish.
    if (outcome === 'in-progress') return sendJson(res, 409, { error: 'being processed, retry later' });
    sendJson(res, 200, { received: true, outcome, ...(reason ? { reason } : {}) });
  } catch (error) {
    deps.logger.warn({ err: error, eventId: event.id }, 'stripe event not processed; Stripe will retry');
    sendJson(res, 503, { error: 'not processed, retry later' });
  }
}

/** The event, and every endpoint whose secret signed it (both, if an operator gave them one secret). */
function verify(
  body: Buffer,
  signature: string,
  deps: StripeWebhookRouteDeps,
): { event: Stripe.Event; signedFor: StripeEndpoint[] } | undefined {
  const [platform, connect] = deps.signingSecrets;
  const secrets: [StripeEndpoint, string | undefined][] = [
    ['platform', platform],
    ['connect', connect],
  ];
  let event: Stripe.Event | undefined;
  const signedFor: StripeEndpoint[] = [];
  for (const [endpoint, secret] of secrets) {
    if (!secret) continue;
    try {
      event = deps.stripe.webhooks.constructEvent(body, signature, secret);
      signedFor.push(endpoint);
    } catch {
      // not signed with this endpoint's secret
    }
  }
  return event ? { event, signedFor } : undefined;
}
