import { addMinutes } from 'date-fns';
import { FINANCE_CHANNEL } from '../../support/config';
import { financeChannelText } from '../../support/slack-ui';
import { balanceEvent, deliverSignedWebhook } from '../../support/stripe-deliveries';
import { startWorld, type World } from '../../support/world';
import { everyReplicaLooks, quietThenOneAlert } from './alarm-passes';
import { scrape } from './scrape';

const TOKEN = 'metrics-token-0123456789abcdef';

const alerts = (world: World) =>
  financeChannelText(world.slack).filter((text) => /Money is stuck|More money is stuck/.test(text));
const resolved = (world: World) =>
  financeChannelText(world.slack).filter((text) => text.includes('Money is moving again'));

const deliver = (world: World, id: string, at: Date) => deliverSignedWebhook(world, balanceEvent(id, at));

describe('the stuck-money alarm for a stalled webhook inbox', () => {
  let world: World;
  afterEach(() => world.stop());

  it('raises one channel alert across two replicas, and one "resolved" once a replica works through the inbox', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    // A replica looks for events it was not told about only when its watch comes round: here,
    // when the test kicks it.
    world = await startWorld({
      replicas: 2,
      clock: () => now,
      stripeInboxPollMs: 3_600_000,
      env: { STUCK_ALERT_MINUTES: '15', METRICS_TOKEN: TOKEN },
    });
    const [wedged, healthy] = world.apps;
    // The replica Stripe delivers to stores events and never processes them.
    wedged?.services.stripeInbox.stop();
    expect(await deliver(world, 'evt_stalled_1', now)).toBe(200);
    expect(await deliver(world, 'evt_stalled_2', now)).toBe(200);

    await quietThenOneAlert(world, alerts, (minutes) => {
      now = addMinutes(now, minutes);
    });
    expect(alerts(world)[0]).toContain('*Webhook inbox* · 2 Stripe events waiting, the oldest since');
    expect(alerts(world)[0]).toContain('*Stripe events waiting* means settlements and failures are not');
    // Every replica's gauges say the same: the whole inbox, not the share of one replica.
    for (const replica of world.apps) {
      await replica.operations.refreshMetrics();
      const gauges = await scrape(replica.url, TOKEN);
      expect(gauges.value('paydesk_stripe_inbox_depth')).toBe(2);
      expect(gauges.value('paydesk_stripe_inbox_oldest_age_seconds')).toBe(16 * 60);
      expect(gauges.value('paydesk_stuck_money_alarm_active')).toBe(1);
    }
    now = addMinutes(now, 30);
    await everyReplicaLooks(world);
    expect(alerts(world)).toHaveLength(1);

    // The other replica's watch comes round and processes what waits.
    healthy?.services.stripeInbox.kick();
    await world.drain();
    expect(await world.app.db.models.stripeEvents.countDocuments({ processedAt: null })).toBe(0);

    const after = await everyReplicaLooks(world);
    expect(after.filter((pass) => pass === 'resolved')).toHaveLength(1);
    await everyReplicaLooks(world);
    expect(resolved(world)).toHaveLength(1);
    expect(resolved(world)[0]).toContain('the webhook inbox is keeping up');
    expect(alerts(world)).toHaveLength(1);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(2);
  }, 60_000);
});
