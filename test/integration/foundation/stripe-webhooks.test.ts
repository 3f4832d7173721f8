import Stripe from 'stripe';
import { TEST_SECRETS } from '../../support/config';
import { startTestPaydesk, type TestPaydesk } from '../../support/paydesk';

const stripe = new Stripe(TEST_SECRETS.stripeSecretKey);

// Payouts: an object type no feature claims, so intake runs the test's own handlers on them.
function stripeEvent(id: string, type = 'payout.paid', account?: string) {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: 1_764_000_000,
    livemode: false,
    type,
    ...(account ? { account } : {}),
    data: { object: { id: `po_${id}`, object: 'payout', amount: 200000 } },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

async function deliver(app: TestPaydesk, payload: string, secret = TEST_SECRETS.stripeWebhookSecret) {
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`${app.url}/stripe/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

describe('Stripe webhook intake', () => {
  let app: TestPaydesk;
  const handled: string[] = [];
  /** The inbox works after Stripe has its answer: wait for it. */
  const processed = () => app.services.background.drain();

  beforeAll(async () => {
    app = await startTestPaydesk();
    app.services.stripeEventHandlers.on('payout.paid', async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(event.id);
    });
  });
  afterAll(() => app.stop());
  beforeEach(() => {
    handled.length = 0;
  });

  it('accepts an event signed with the platform secret once, and acknowledges the duplicate without reprocessing', async () => {
    const payload = stripeEvent('evt_platform_1');
    expect(await deliver(app, payload)).toEqual({
      status: 200,
      body: { received: true, outcome: 'queued' },
    });
    await processed();
    expect(await deliver(app, payload)).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    });
    await processed();
    expect(handled).toEqual(['evt_platform_1']);
    expect(await app.services.stripeEvents.count({ eventId: 'evt_platform_1', handled: true })).toBe(1);
  });

  it('accepts an event signed with the Connect endpoint secret for an account Paydesk linked', async () => {
    await app.services.onboardingDeps.stripeAccounts.insert({
      stripeAccountId: 'acct_1',
      writerId: 'writer_of_acct_1',
      mode: 'account_links',
      livemode: false,
      createdAt: new Date(),
    });
    const result = await deliver(
      app,
      stripeEvent('evt_connect_1', 'payout.paid', 'acct_1'),
      TEST_SECRETS.stripeConnectWebhookSecret,
    );
    expect(result.status).toBe(200);
    await processed();
    expect(handled).toEqual(['evt_connect_1']);
  });

  it('refuses a bad signature, a tampered body and a missing signature with 400, recording nothing', async () => {
    const payload = stripeEvent('evt_forged');
    expect((await deliver(app, payload, 'whsec_someoneelse')).status).toBe(400);
    const signature = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: TEST_SECRETS.stripeWebhookSecret,
    });
    const tampered = await fetch(`${app.url}/stripe/webhooks`, {
      method: 'POST',
      headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
      body: payload.replace('200000', '900000'),
    });
    expect(tampered.status).toBe(400);
    const unsigned = await fetch(`${app.url}/stripe/webhooks`, { method: 'POST', body: payload });
    expect(unsigned.status).toBe(400);
    await processed();
    expect(handled).toEqual([]);
    expect(await app.services.stripeEvents.count({ eventId: 'evt_forged' })).toBe(0);
  });

  it('records and acknowledges event types nobody handles', async () => {
    const result = await deliver(app, stripeEvent('evt_unknown_type', 'customer.created'));
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'queued' } });
    await processed();
    expect(await app.services.stripeEvents.count({ eventId: 'evt_unknown_type', handled: false })).toBe(1);
  });

  it('keeps an event whose handler failed and processes it on the next try, without Stripe', async () => {
    let failures = 1;
    app.services.stripeEventHandlers.on('payout.failed', async (event) => {
      if (failures-- > 0) throw new Error('database hiccup');
      handled.push(event.id);
    });
    const payload = stripeEvent('evt_retry', 'payout.failed');
    expect((await deliver(app, payload)).status).toBe(200);
    await processed();
    expect(handled).toEqual([]);
    const waiting = await app.db.models.stripeEvents.findOne({ eventId: 'evt_retry' }).lean();
    expect(waiting).toMatchObject({ processedAt: null, lastError: 'database hiccup', attempts: 1 });
    expect(waiting?.claimedUntil.getTime()).toBeGreaterThan(Date.now());
    // Its retry time comes (moved here rather than waited for), and the inbox's watch kicks it.
    await app.db.models.stripeEvents.updateOne(
      { eventId: 'evt_retry' },
      { $set: { claimedUntil: new Date(0) } },
    );
    app.services.stripeInbox.kick();
    await processed();
    expect(handled).toEqual(['evt_retry']);
  });

  it('an event stored before the inbox kept bodies, never finished, is processed when Stripe sends it again', async () => {
    await app.db.models.stripeEvents.create({
      eventId: 'evt_legacy',
      type: 'payout.paid',
      account: null,
      livemode: false,
      receivedAt: new Date(),
      processedAt: null,
      claimedUntil: new Date(0),
      attempts: 1,
      lastError: null,
    });
    expect(await deliver(app, stripeEvent('evt_legacy'))).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    });
    await processed();
    expect(handled).toEqual(['evt_legacy']);
  });

  it('200 concurrent deliveries of 50 distinct events record 50 events and run each handler once', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `evt_storm_${i}`);
    const deliveries = Array.from({ length: 200 }, (_, i) => ids[i % 50] as string);
    const results = await Promise.all(deliveries.map((id) => deliver(app, stripeEvent(id))));
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(results.filter((result) => result.body.outcome === 'queued')).toHaveLength(50);
    expect(results.filter((result) => result.body.outcome === 'duplicate')).toHaveLength(150);
    await processed();
    expect(await app.services.stripeEvents.count({ eventId: { $regex: '^evt_storm_' } })).toBe(50);
    expect([...handled].sort()).toEqual([...ids].sort());
  });
});
