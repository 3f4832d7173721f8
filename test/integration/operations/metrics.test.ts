import { addMinutes } from 'date-fns';
import Stripe from 'stripe';
import { freePort } from '../../../src/db/peers/free-port';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, TEST_SECRETS } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { type Scrape, scrape } from './scrape';

const TOKEN = 'metrics-token-0123456789abcdef';
const signer = new Stripe(TEST_SECRETS.stripeSecretKey);

/** Every metric the issue asks for, by the name it is exposed under. */
const METRICS = [
  'paydesk_slack_requests_total',
  'paydesk_slack_ack_seconds',
  'paydesk_stripe_webhook_deliveries_total',
  'paydesk_stripe_webhook_intake_seconds',
  'paydesk_stripe_inbox_depth',
  'paydesk_stripe_inbox_oldest_age_seconds',
  'paydesk_slack_outbox_depth',
  'paydesk_slack_outbox_oldest_age_seconds',
  'paydesk_slack_rate_limited_total',
  'paydesk_stripe_calls_total',
  'paydesk_stripe_call_seconds',
  'paydesk_requests',
  'paydesk_transfers_approved_today_cents',
  'paydesk_transfers_daily_cap_cents',
  'paydesk_requests_stuck',
  'paydesk_reconciler_passes_total',
  'paydesk_reconciler_repairs_total',
  'paydesk_reconciler_lease_held',
  'paydesk_reconciler_last_success_timestamp_seconds',
  // Node's default metrics.
  'process_cpu_user_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
];

async function deliver(world: World, payload: string, secret = TEST_SECRETS.stripeWebhookSecret) {
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`${world.app.url}/stripe/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('GET /metrics', () => {
  it('is off without METRICS_TOKEN, and refuses a scrape without the right token', async () => {
    const off = await startWorld();
    try {
      expect((await fetch(`${off.app.url}/metrics`)).status).toBe(404);
    } finally {
      await off.stop();
    }
    const world = await startWorld({ env: { METRICS_TOKEN: TOKEN } });
    try {
      const anonymous = await fetch(`${world.app.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain('paydesk_');
      const wrong = await fetch(`${world.app.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      });
      expect(wrong.status).toBe(401);
      expect((await scrape(world.app.url, TOKEN)).names.has('paydesk_stripe_calls_total')).toBe(true);
    } finally {
      await world.stop();
    }
  });

  it('can be served on a port of its own (METRICS_PORT) instead of the app port', async () => {
    const port = await freePort();
    const world = await startWorld({ env: { METRICS_PORT: String(port) } });
    try {
      expect(world.app.operations.metricsPort).toBe(port);
      expect((await fetch(`${world.app.url}/metrics`)).status).toBe(404);
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toContain('text/plain');
      expect(await scraped.text()).toContain('# HELP paydesk_requests_stuck ');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(404);
    } finally {
      await world.stop();
    }
  });

  it('exposes every metric, and they move with a top-up, a transfer, a webhook storm and a Stripe outage', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    // The reconciler exists on this replica (the test runs its passes), its timer far off.
    const world = await startWorld({
      clock: () => now,
      env: { METRICS_TOKEN: TOKEN, RECONCILE_INTERVAL_SECONDS: '3600', STRIPE_TIMEOUT_MS: '2000' },
    });
    const read = async (): Promise<Scrape> => {
      await world.app.operations.refreshMetrics();
      return scrape(world.app.url, TOKEN);
    };
    try {
      const before = await read();
      for (const name of METRICS) expect([name, before.names.has(name)]).toEqual([name, true]);
      expect(before.value('paydesk_transfers_daily_cap_cents')).toBe(2_000_000);

      // A top-up, requested and approved in Slack.
      const topupTs = await slash(world, FINANCE.one, '/topup', '2000 Weekly top-up');
      await click(world, FINANCE.two, ACTIONS.approveTopup, topupTs);
      let m = await read();
      expect(m.value('paydesk_slack_requests_total', { kind: 'command', outcome: 'ok' })).toBe(1);
      expect(m.value('paydesk_slack_requests_total', { kind: 'action', outcome: 'ok' })).toBe(1);
      expect(m.value('paydesk_slack_ack_seconds_count', { kind: 'command' })).toBe(1);
      expect(m.value('paydesk_stripe_calls_total', { method: 'createTopup', outcome: 'ok' })).toBe(1);
      expect(m.value('paydesk_stripe_call_seconds_count', { method: 'createTopup' })).toBe(1);
      expect(m.value('paydesk_requests', { kind: 'topup', status: 'pending' })).toBe(1);

      // A transfer to a writer, paid.
      await seedConnectedWriter(world, WRITER);
      world.stripe.setAvailableBalance(100_000);
      const transferTs = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers`);
      await click(world, FINANCE.two, ACTIONS.approveTransfer, transferTs);
      m = await read();
      expect(m.value('paydesk_stripe_calls_total', { method: 'createTransfer', outcome: 'ok' })).toBe(1);
      expect(m.value('paydesk_requests', { kind: 'transfer', status: 'paid' })).toBe(1);
      expect(m.value('paydesk_transfers_approved_today_cents')).toBe(900);

      // A webhook storm: every top-up event three times, and one with a forged signature.
      world.stripe.setAutoDeliver(false);
      const topupId = world.stripe.listTopups()[0]?.id as string;
      world.stripe.settleTopup(topupId);
      const events = world.stripe.events().filter((event) => event.type.startsWith('topup.'));
      const deliveries = Array.from({ length: 12 }, () =>
        events.map((event) => JSON.stringify(event)),
      ).flat();
      expect(deliveries.length).toBeGreaterThanOrEqual(24);
      const before429 = m;
      const statuses = await Promise.all(deliveries.map((payload) => deliver(world, payload)));
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(await deliver(world, JSON.stringify(events[0]), 'whsec_forged')).toBe(400);
      await world.drain();
      m = await read();
      const delivered = (outcome: string) =>
        m.value('paydesk_stripe_webhook_deliveries_total', { outcome }) -
        before429.value('paydesk_stripe_webhook_deliveries_total', { outcome });
      expect(delivered('queued') + delivered('duplicate')).toBe(deliveries.length);
      expect(delivered('duplicate')).toBeGreaterThanOrEqual(deliveries.length - events.length);
      expect(
        m.value('paydesk_stripe_webhook_deliveries_total', { type: 'topup.succeeded', outcome: 'duplicate' }),
      ).toBeGreaterThanOrEqual(11);
      expect(delivered('invalid_signature')).toBe(1);
      expect(m.value('paydesk_stripe_webhook_intake_seconds_count')).toBeGreaterThanOrEqual(
        deliveries.length + 1,
      );
      expect(m.value('paydesk_requests', { kind: 'topup', status: 'succeeded' })).toBe(1);
      expect(m.value('paydesk_stripe_inbox_depth')).toBe(0);

      // A Stripe outage: a 500, a rate limit, then a refusal (not enough balance).
      const down = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 5 during the outage`);
      world.stripe.injectFaults({ status500: 1, paths: /^\/v1\/transfers$/ });
      await click(world, FINANCE.two, ACTIONS.approveTransfer, down);
      world.stripe.clearFaults();
      const limited = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 6 rate limited`);
      world.stripe.failNext(1, '429-no-retry', { method: 'POST', path: /^\/v1\/transfers$/ });
      await click(world, FINANCE.two, ACTIONS.approveTransfer, limited);
      world.stripe.clearFaults();
      world.stripe.setAvailableBalance(100);
      const broke = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 7 no balance`);
      await click(world, FINANCE.two, ACTIONS.approveTransfer, broke);
      m = await read();
      const transfers = (outcome: string) =>
        m.value('paydesk_stripe_calls_total', { method: 'createTransfer', outcome });
      expect(transfers('ok')).toBe(1);
      expect(transfers('uncertain')).toBeGreaterThanOrEqual(1);
      expect(transfers('rate_limited')).toBe(1);
      expect(transfers('refused')).toBe(1);
      expect(m.value('paydesk_stripe_call_seconds_count', { method: 'createTransfer' })).toBe(
        transfers('ok') + transfers('uncertain') + transfers('rate_limited') + transfers('refused'),
      );
      expect(m.value('paydesk_requests', { kind: 'transfer', status: 'submitting' })).toBe(2);
      expect(m.value('paydesk_requests', { kind: 'transfer', status: 'failed' })).toBe(1);

      // Past the stuck threshold, the gauges say so; the reconciler repairs the rate-limited one.
      now = addMinutes(now, 20);
      world.stripe.setAvailableBalance(100_000);
      m = await read();
      expect(m.value('paydesk_requests_stuck', { kind: 'transfer', status: 'submitting' })).toBe(2);
      expect(m.value('paydesk_reconciler_last_success_timestamp_seconds')).toBe(0);
      expect(await world.app.reconciler?.runOnce()).toBe(true);
      await world.drain();
      m = await read();
      expect(m.value('paydesk_reconciler_passes_total', { outcome: 'ok' })).toBe(1);
      expect(m.value('paydesk_reconciler_repairs_total', { kind: 'resubmitted' })).toBeGreaterThanOrEqual(1);
      expect(m.value('paydesk_reconciler_lease_held')).toBe(1);
      expect(m.value('paydesk_reconciler_last_success_timestamp_seconds')).toBe(now.getTime() / 1000);
      expect(m.value('paydesk_slack_outbox_depth')).toBe(0);
    } finally {
      await world.stop();
    }
  }, 120_000);
});
