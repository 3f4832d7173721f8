import type Stripe from 'stripe';
import { renderMessageText } from '../../../sandbox/slack';
import { applyTopupEvent } from '../../../src/domain/topups/apply-topup-event';
import { approveTopup } from '../../../src/domain/topups/approve-topup';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { spendChannelBurst } from '../../support/channel-burst';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';

const TOPUPS = 300;
/**
 * chat.update is Tier 3 (50 a minute): 600 updates would take 12 minutes. Both the simulator and
 * the app's pacing are told this workspace may make 3,000 a minute, so the test stays short; the
 * per-channel posting limit (about one a second beyond a short burst) is Slack's own.
 */
const UPDATES_PER_MINUTE = 3000;

describe('settlement alerts under Slack’s rate limits', () => {
  let world: World;
  afterEach(() => world.stop());

  it('300 top-ups settling at once: every alert reaches the channel once (coalesced), every 429 retried, every message shows the latest state', async () => {
    world = await startWorld({ slackLimits: { updatesPerMinute: UPDATES_PER_MINUTE } });
    // Filing 300 requests posts 300 request messages (inline, not through the outbox): done
    // before Slack's limits apply, so the test is about the settlement burst.
    world.slack.relaxLimits();
    world.stripe.setAutoDeliver(false);
    const deps = world.app.services.topupDeps;
    const filed = await Promise.all(
      Array.from({ length: TOPUPS }, (_, i) =>
        requestTopup(deps, {
          amountText: String(100 + i),
          description: `settlement burst ${i}`,
          requestedBy: { teamId: world.slack.teamId, userId: FINANCE.one },
        }),
      ),
    );
    for (const topup of filed) {
      await approveTopup(deps, {
        id: topup.id,
        approver: { teamId: world.slack.teamId, userId: FINANCE.two },
        isFinance: true,
      });
    }
    await world.drain();
    const requestTs = new Set(world.slack.messages(FINANCE_CHANNEL).map((message) => message.ts));
    expect(requestTs.size).toBe(TOPUPS);

    world.slack.enforceLimits({ perMinute: { 'chat.update': UPDATES_PER_MINUTE } });
    const rateLimitedBefore = world.slack.rateLimitedCount();
    await spendChannelBurst(world, 4);
    for (const topup of world.stripe.listTopups()) world.stripe.settleTopup(topup.id);
    const events = world.stripe
      .events()
      .filter((event) => event.type === 'topup.succeeded') as Stripe.Event[];
    expect(events).toHaveLength(TOPUPS);
    const started = Date.now();
    await Promise.all(events.map((event) => applyTopupEvent(deps, event)));
    await world.drain();
    const seconds = (Date.now() - started) / 1000;

    const stored = await world.app.db.models.topups.find().lean();
    expect(stored.every((topup) => topup.status === 'succeeded' && topup.alertedStatus === 'succeeded')).toBe(
      true,
    );

    // Every alert in the channel exactly once, alone or inside a digest.
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .filter((message) => !requestTs.has(message.ts) && !message.text.startsWith('someone else'));
    const alertText = alerts.map((message) => renderMessageText(message)).join('\n');
    for (const topup of stored) {
      expect(alertText.split(`${topup.ref} settled`)).toHaveLength(2);
    }
    const digests = alerts.filter((message) => / alerts at once/.test(renderMessageText(message)));
    expect(digests.length).toBeGreaterThan(0);
    expect(alerts.length).toBeLessThan(TOPUPS / 10);
    for (const message of alerts) expect(message.blocks.length).toBeLessThanOrEqual(50);

    // Slack said "slow down" (the channel's burst was spent by someone else): the outbox waited and
    // sent again, so nothing it was given is left unsent or failed.
    const rateLimited = world.slack.rateLimitedCount() - rateLimitedBefore;
    expect(rateLimited).toBeGreaterThan(0);
    expect(world.app.services.slackOutbox.sender.rateLimited).toBe(rateLimited);
    const outbox = world.app.db.models.slackOutbox;
    expect(await outbox.countDocuments({ status: { $ne: 'sent' } })).toBe(0);

    // Each request message shows where its top-up is now.
    for (const topup of stored) {
      const message = world.slack.message(FINANCE_CHANNEL, topup.slackMessage?.ts as string);
      expect(renderMessageText(message ?? {})).toContain(`${topup.ref} · $`);
      expect(message?.text).toMatch(/· settled$/);
    }
    console.log(
      `settlement burst: ${TOPUPS} alerts in ${alerts.length} messages (${digests.length} digests), ${TOPUPS} message updates, ${rateLimited} × 429 retried, ${seconds.toFixed(1)} s`,
    );
  }, 120_000);
});
