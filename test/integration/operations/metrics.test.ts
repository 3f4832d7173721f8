import { addDays, addMinutes } from 'date-fns';
import { freePort } from '../../../src/db/peers/free-port';
import { ACTIONS } from '../../../src/slack/ids';
import { TOPUP_FIELDS } from '../../../src/slack/views/topup-request-modal';
import { spendChannelBurst } from '../../support/channel-burst';
import { FINANCE } from '../../support/config';
import { click, slash } from '../../support/finance';
import type { TestPaydesk } from '../../support/paydesk';
import { financeChannelText } from '../../support/slack-ui';
import { balanceEvent, deliverSignedWebhook } from '../../support/stripe-deliveries';
import { startWorld, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { type Scrape, scrape } from './scrape';

const TOKEN = 'metrics-token-0123456789abcdef';

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

const deliver = deliverSignedWebhook;

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

  it('asks for the token on its own port too, when METRICS_TOKEN is set', async () => {
    const port = await freePort();
    const world = await startWorld({ env: { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN } });
    try {
      const anonymous = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain('paydesk_');
      const wrong = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      });
      expect(wrong.status).toBe(401);
      expect(
        (await scrape(`http://127.0.0.1:${port}`, TOKEN)).names.has('paydesk_reconciler_lease_held'),
      ).toBe(true);
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
      const beforeStorm = m;
      // Someone else spent the finance channel's burst: the settlement alert meets Slack's 429.
      world.slack.enforceLimits();
      await spendChannelBurst(world, 4);
      const slack429Before = world.slack.rateLimitedCount();
      const statuses = await Promise.all(deliveries.map((payload) => deliver(world, payload)));
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(await deliver(world, JSON.stringify(events[0]), 'whsec_forged')).toBe(400);
      await world.drain();
      world.slack.relaxLimits();
      m = await read();
      const slack429 = world.slack.rateLimitedCount() - slack429Before;
      expect(slack429).toBeGreaterThan(0);
      const rateLimited = m.value('paydesk_slack_rate_limited_total');
      expect(rateLimited - beforeStorm.value('paydesk_slack_rate_limited_total')).toBe(slack429);
      expect(rateLimited).toBe(world.app.services.slackOutbox.sender.rateLimited);
      const delivered = (outcome: string) =>
        m.value('paydesk_stripe_webhook_deliveries_total', { outcome }) -
        beforeStorm.value('paydesk_stripe_webhook_deliveries_total', { outcome });
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

  it('counts Slack requests of every kind, and a replayed one as a replay that runs nothing', async () => {
    const world = await startWorld({ env: { METRICS_TOKEN: TOKEN } });
    try {
      const command = await world.send.command({ userId: FINANCE.one, command: '/topup' });
      await world.drain();
      const modals = () => world.slack.views().filter((view) => view.openedWith === 'views.open');
      expect(modals()).toHaveLength(1);
      await world.send.viewSubmission({
        userId: FINANCE.one,
        viewId: modals()[0]?.id,
        values: {
          [TOPUP_FIELDS.amount.block]: { [TOPUP_FIELDS.amount.input]: '100' },
          [TOPUP_FIELDS.description.block]: { [TOPUP_FIELDS.description.input]: 'Weekly top-up' },
        },
      });
      const opened = await world.send.appHomeOpened({ userId: FINANCE.one });
      await world.drain();
      // The same signed bytes again, as an attacker or a proxy would send them.
      expect((await world.send.replay(command.sent)).status).toBe(200);
      expect((await world.send.replay(opened.sent)).status).toBe(200);
      // A slash command's replay is recognised after its answer went out: wait for that.
      await world.drain();
      expect(modals()).toHaveLength(1);
      expect(await world.app.db.models.topups.countDocuments()).toBe(1);

      const m = await scrape(world.app.url, TOKEN);
      const requests = (kind: string, outcome: string) =>
        m.value('paydesk_slack_requests_total', { kind, outcome });
      expect(requests('command', 'ok')).toBe(1);
      expect(requests('command', 'replay')).toBe(1);
      expect(requests('view', 'ok')).toBe(1);
      expect(requests('event', 'ok')).toBe(1);
      expect(requests('event', 'replay')).toBe(1);
      expect(m.value('paydesk_slack_ack_seconds_count', { kind: 'view' })).toBe(1);
      expect(m.value('paydesk_slack_ack_seconds_count', { kind: 'event' })).toBe(2);
      expect(m.text).toMatch(/^# HELP paydesk_slack_requests_total .*abandoned/m);
    } finally {
      await world.stop();
    }
  });

  it('shows what waits: the inbox and the outbox, how many and since when', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    const world = await startWorld({ clock: () => now, env: { METRICS_TOKEN: TOKEN } });
    const read = async (): Promise<Scrape> => {
      await world.app.operations.refreshMetrics();
      return scrape(world.app.url, TOKEN);
    };
    const event = (id: string) => balanceEvent(id, now);
    try {
      // Nothing processes the inbox, and Slack sends wait (as if every worker were wedged).
      world.app.services.stripeInbox.stop();
      const sender = world.app.services.slackOutbox.sender;
      await sender.stop();
      expect(await deliver(world, event('evt_waiting_1'))).toBe(200);
      expect(await deliver(world, event('evt_waiting_2'))).toBe(200);
      now = addMinutes(now, 3);
      expect(await deliver(world, event('evt_waiting_3'))).toBe(200);
      now = addMinutes(now, 13);
      let m = await read();
      expect(m.value('paydesk_stripe_inbox_depth')).toBe(3);
      expect(m.value('paydesk_stripe_inbox_oldest_age_seconds')).toBe(16 * 60);
      expect(m.value('paydesk_slack_outbox_depth')).toBe(0);
      expect(m.value('paydesk_slack_outbox_oldest_age_seconds')).toBe(0);

      // The stalled inbox raises the alarm; its alert waits in the outbox.
      expect(await world.app.operations.stuckMoney.check()).toBe('raised');
      const queued = await world.app.db.models.slackOutbox.findOne({ status: 'pending' }).lean();
      if (!queued) throw new Error('the alert was not queued');
      const queuedAt = queued.queuedAt.getTime();
      // The outbox's age is in real seconds: let at least a millisecond pass.
      while (Date.now() <= queuedAt) await new Promise((resolve) => setTimeout(resolve, 1));
      const before = Date.now();
      m = await read();
      const after = Date.now();
      expect(m.value('paydesk_slack_outbox_depth')).toBe(1);
      const age = m.value('paydesk_slack_outbox_oldest_age_seconds');
      expect(age).toBeGreaterThanOrEqual((before - queuedAt) / 1000);
      expect(age).toBeLessThanOrEqual((after - queuedAt) / 1000);
      expect(m.value('paydesk_stuck_money_alarm_active')).toBe(1);

      sender.start();
      await world.drain();
      m = await read();
      expect(m.value('paydesk_slack_outbox_depth')).toBe(0);
      expect(m.value('paydesk_slack_outbox_oldest_age_seconds')).toBe(0);
      expect(m.value('paydesk_stripe_inbox_depth')).toBe(3);
      expect(financeChannelText(world.slack).filter((text) => text.includes('Money is stuck'))).toHaveLength(
        1,
      );
    } finally {
      await world.stop();
    }
  });

  it('says which replica holds the reconciler lease, and counts a failed pass', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    const world = await startWorld({
      replicas: 2,
      clock: () => now,
      env: { METRICS_TOKEN: TOKEN, RECONCILE_INTERVAL_SECONDS: '3600' },
    });
    const [holder, other] = world.apps as [TestPaydesk, TestPaydesk];
    const read = async (replica: TestPaydesk): Promise<Scrape> => {
      await replica.operations.refreshMetrics();
      return scrape(replica.url, TOKEN);
    };
    try {
      // A top-up at Stripe, pending until its funds are available.
      const ts = await slash(world, FINANCE.one, '/topup', '2000 Weekly top-up');
      await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
      expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('pending');

      expect(await holder.reconciler?.runOnce()).toBe(true);
      expect(await other.reconciler?.runOnce()).toBe(false);
      let onHolder = await read(holder);
      let onOther = await read(other);
      expect(onHolder.value('paydesk_reconciler_lease_held')).toBe(1);
      expect(onOther.value('paydesk_reconciler_lease_held')).toBe(0);
      expect(onHolder.value('paydesk_reconciler_passes_total', { outcome: 'ok' })).toBe(1);
      expect(onOther.value('paydesk_reconciler_passes_total', { outcome: 'ok' })).toBe(0);
      const lastSuccess = onHolder.value('paydesk_reconciler_last_success_timestamp_seconds');
      expect(lastSuccess).toBe(now.getTime() / 1000);

      // Long past its expected date, the pass asks Stripe about the top-up, and Stripe fails.
      now = addDays(now, 14);
      world.stripe.injectFaults({ status500: 1, paths: /^\/v1\/topups\// });
      await expect(holder.reconciler?.runOnce()).rejects.toThrow();
      world.stripe.clearFaults();
      onHolder = await read(holder);
      onOther = await read(other);
      expect(onHolder.value('paydesk_reconciler_passes_total', { outcome: 'failed' })).toBe(1);
      expect(onHolder.value('paydesk_reconciler_passes_total', { outcome: 'ok' })).toBe(1);
      expect(onHolder.value('paydesk_reconciler_last_success_timestamp_seconds')).toBe(lastSuccess);
      expect(onHolder.value('paydesk_reconciler_lease_held')).toBe(1);
      expect(onOther.value('paydesk_reconciler_lease_held')).toBe(0);
    } finally {
      await world.stop();
    }
  }, 60_000);
});
