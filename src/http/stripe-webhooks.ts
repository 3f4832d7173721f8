import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import type { CustomRoute } from '@slack/bolt';
import getRawBody from 'raw-body';
import type Stripe from 'stripe';
import { monotonicMs } from '../clock';
import type { StripeInbox } from '../domain/webhooks/inbox';
import {
  acceptStripeEvent,
  type ReceiveStripeEventDeps,
  type StripeEndpoint,
} from '../domain/webhooks/receive-stripe-event';
import type { PaydeskMetrics } from '../metrics/metrics';
import { sendJson } from './respond';

export const STRIPE_WEBHOOK_BODY_LIMIT = 512 * 1024;
export const STRIPE_WEBHOOK_PATH = '/stripe/webhooks';

export type StripeWebhookRouteDeps = ReceiveStripeEventDeps & {
  stripe: Stripe;
  /**
   * The platform endpoint's signing secret, then the Connect endpoint's. Without a Connect secret
   * no Connect event is acted on (one signed with the platform secret is ignored as wrong_endpoint).
   */
  signingSecrets: readonly [platform: string, connect?: string | undefined];
  inbox: StripeInbox;
  /** Deliveries by type and outcome, and intake latency (GET /metrics). */
  metrics?: PaydeskMetrics['webhooks'];
};

/**
 * POST /stripe/webhooks. The signature covers the exact bytes Stripe sent, so the body is read
 * raw and verified before it is parsed, against each endpoint's secret. A verified event is stored
 * in the inbox and answered at once (Stripe's advice: 2xx before any complex logic); the inbox
 * processes it afterwards. 400 for a bad signature (Stripe stops retrying), 503 when the inbox
 * could not store it (Stripe retries), 200 otherwise, including for a duplicate or an ignored event.
 */
export function stripeWebhookRoute(deps: StripeWebhookRouteDeps): CustomRoute {
  return {
    path: STRIPE_WEBHOOK_PATH,
    method: ['POST'],
    handler: (req, res) => {
      const started = monotonicMs();
      void handle(req, res, deps).then(({ type, outcome }) => {
        deps.metrics?.deliveries.inc({ type, outcome });
        deps.metrics?.intakeSeconds.observe((monotonicMs() - started) / 1000);
      });
    },
  };
}

/** What a delivery was and what intake answered, for the metrics. */
type Delivery = { type: string; outcome: string };

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: StripeWebhookRouteDeps,
): Promise<Delivery> {
  let body: Buffer;
  try {
    body = await getRawBody(req, { limit: STRIPE_WEBHOOK_BODY_LIMIT });
  } catch (error) {
    const status = (error as { status?: number }).status === 413 ? 413 : 400;
    sendJson(res, status, { error: status === 413 ? 'body too large' : 'unreadable body' });
    return { type: 'unknown', outcome: 'bad_request' };
  }
  const signature = req.headers['stripe-signature'];
  const verified = typeof signature === 'string' ? verify(body, signature, deps) : undefined;
  if (!verified) {
    sendJson(res, 400, { error: 'invalid signature' });
    return { type: 'unknown', outcome: 'invalid_signature' };
  }
  const { event, signedFor } = verified;
  let accepted: Awaited<ReturnType<typeof acceptStripeEvent>>;
  try {
    accepted = await acceptStripeEvent(event, body.toString('utf8'), deps, signedFor);
  } catch (error) {
    deps.logger.warn({ err: error, eventId: event.id }, 'stripe event not stored; Stripe will retry');
    sendJson(res, 503, { error: 'not stored, retry later' });
    return { type: event.type, outcome: 'not_stored' };
  }
  // Resolves however the answer ends; Stripe may have hung up already (then no event fires again).
  const answered = finished(res).then(
    () => {},
    () => {},
  );
  // Processing starts once Stripe has its answer. A duplicate may be an event whose earlier
  // claim lapsed: the kick lets this replica take it.
  if (accepted.outcome !== 'ignored') {
    deps.inbox.kickAfter(answered, () => deps.crash('after-webhook-answered'));
  }
  sendJson(res, 200, { received: true, ...accepted });
  return { type: event.type, outcome: accepted.outcome };
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
  for (const [endpoint, secret] of secrets) {
    if (!secret) continue;
    try {
      const event = deps.stripe.webhooks.constructEvent(body, signature, secret);
      // Two endpoints share a signature only when they share a secret; checking once is enough.
      const signedFor: StripeEndpoint[] = platform === connect ? ['platform', 'connect'] : [endpoint];
      return { event, signedFor };
    } catch {
      // not signed with this endpoint's secret
    }
  }
  return undefined;
}
