import Stripe from 'stripe';
import { renderMessageText } from '../../../sandbox/slack';
import { approveTopup } from '../../../src/domain/topups/approve-topup';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { spendChannelBurst } from '../../support/channel-burst';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS } from '../../support/config';
import { startWorld, type World } from '../../support/world';

const TOPUPS = 1000;
const DELIVERY_WINDOW_MS = 5000;
const WAVES = 50;
/** chat.update's tier, scaled on both sides so 1,000 updates take seconds, not twenty minutes. */
const UPDATES_PER_MINUTE = 6000;

const signer = new Stripe(TEST_SECRETS.stripeSecretKey);

async function deliver(world: World, payload: string): Promise<{ status: number; ms: number }> {
  const signature = signer.webhooks.generateTestHeaderString({
    payload,
    secret: TEST_SECRETS.stripeWebhookSecret,
  });
  const started = performance.now();
  const response = await fetch(`${world.app.url}/stripe/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function fileAndApprove(world: World): Promise<void> {
  const deps = world.app.services.topupDeps;
  const team = world.slack.teamId;
  for (let start = 0; start < TOPUPS; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, TOPUPS - start) }, async (_, k) => {
        const i = start + k;
        const topup = await requestTopup(deps, {
          amountText: String(100 + i),
          description: `storm ${i}`,
          requestedBy: { teamId: team, userId: FINANCE.one },
        });
        await approveTopup(deps, {
          id: topup.id,
          approver: { teamId: team, userId: FINANCE.two },
          isFinance: true,
        });
      }),
    );
  }
  await world.drain();
}

describe('1,000 settlements delivered by Stripe in 5 seconds', () => {
  let world: World;
  afterEach(() => world.stop());

  it('every delivery answered 200 in under a second; every top-up settled; alerts coalesced, none lost or doubled; every 429 handled', async () => {
    world = await startWorld({ slackLimits: { updatesPerMinute: UPDATES_PER_MINUTE } });
    // The request messages are posted before the storm; the test is about what the storm makes.
    world.slack.relaxLimits();
    world.stripe.setAutoDeliver(false);
    await fileAndApprove(world);
    const requestTs = new Set(world.slack.messages(FINANCE_CHANNEL).map((message) => message.ts));
    expect(requestTs.size).toBe(TOPUPS);

    world.slack.enforceLimits({ perMinute: { 'chat.update': UPDATES_PER_MINUTE } });
    const rateLimitedBefore = world.slack.rateLimitedCount();
    await spendChannelBurst(world, 4);
    for (const topup of world.stripe.listTopups()) world.stripe.settleTopup(topup.id);
    const payloads = world.stripe
      .events()
      .filter((event) => event.type === 'topup.succeeded')
      .map((event) => JSON.stringify(event));
    expect(payloads).toHaveLength(TOPUPS);

    // Fifty waves of twenty, one every 100 ms: the whole storm arrives within five seconds.
    const perWave = TOPUPS / WAVES;
    const started = performance.now();
    const answers = (
      await Promise.all(
        Array.from({ length: WAVES }, async (_, wave) => {
          await new Promise((resolve) => setTimeout(resolve, (wave * DELIVERY_WINDOW_MS) / WAVES));
          return Promise.all(
            payloads.slice(wave * perWave, (wave + 1) * perWave).map((payload) => deliver(world, payload)),
          );
        }),
      )
    ).flat();
    const deliveredInMs = performance.now() - started;

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const slowest = Math.max(...answers.map((answer) => answer.ms));
    expect(slowest).toBeLessThan(1000);

    await world.drain();
    const stored = await world.app.db.models.topups.find().lean();
    expect(
      stored.filter((topup) => topup.status !== 'succeeded' || topup.alertedStatus !== 'succeeded'),
    ).toEqual([]);
    expect(await world.app.db.models.stripeEvents.countDocuments({ processedAt: null })).toBe(0);

    // Each settlement is in the channel exactly once, alone or in a digest.
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .filter((message) => !requestTs.has(message.ts) && !message.text.startsWith('someone else'));
    const alertText = alerts.map((message) => renderMessageText(message)).join('\n');
    const missingOrDoubled = stored.filter((topup) => alertText.split(`${topup.ref} settled`).length !== 2);
    expect(missingOrDoubled.map((topup) => topup.ref)).toEqual([]);
    expect(alerts.length).toBeLessThan(TOPUPS / 10);

    // Nothing Slack refused is left behind: a 429 was waited out and sent again.
    const outbox = world.app.db.models.slackOutbox;
    expect(await outbox.countDocuments({ status: { $ne: 'sent' } })).toBe(0);
    const rateLimited = world.slack.rateLimitedCount() - rateLimitedBefore;
    expect(rateLimited).toBeGreaterThan(0);
    expect(world.app.services.slackOutbox.sender.rateLimited).toBe(rateLimited);
    for (const topup of stored) {
      expect(world.slack.message(FINANCE_CHANNEL, topup.slackMessage?.ts as string)?.text).toMatch(
        /· settled$/,
      );
    }
    const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    console.log(
      `settlement storm: ${TOPUPS} deliveries in ${(deliveredInMs / 1000).toFixed(1)} s, answer p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]?.toFixed(0)} ms, max ${slowest.toFixed(0)} ms; ${alerts.length} channel messages; ${rateLimited} × 429 retried`,
    );
  }, 240_000);
});
