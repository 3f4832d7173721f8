import Stripe from 'stripe';
import type { AuditEntry } from '../../../src/domain/audit/types';
import { approveTopup } from '../../../src/domain/topups/approve-topup';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { FINANCE, TEST_SECRETS } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

const signer = new Stripe(TEST_SECRETS.stripeSecretKey);
const PLATFORM = TEST_SECRETS.stripeWebhookSecret;
const CONNECT = TEST_SECRETS.stripeConnectWebhookSecret;

type Answer = { status: number; body: { received?: boolean; outcome?: string; reason?: string } };

/** Posts a body to the app exactly as Stripe does, signed with the given endpoint secret. */
async function post(world: World, payload: string, secret: string): Promise<Answer> {
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`${world.app.url}/stripe/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function event(id: string, type: string, object: Record<string, unknown>, account?: string): string {
  return JSON.stringify(
    {
      id,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: 1_764_000_000,
      livemode: false,
      type,
      ...(account ? { account } : {}),
      data: { object },
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    },
    null,
    2,
  );
}

async function ignoredEntries(world: World, eventId: string): Promise<AuditEntry[]> {
  return (await world.app.services.audit.latest(500)).filter(
    (entry) => entry.action === 'stripe.event_ignored' && entry.details.eventId === eventId,
  );
}

/**
 * The event was answered 200 and audited once as ignored for `reason`. Signed for the wrong
 * endpoint, intake ignores it at once and stores nothing; an unknown account or object is found
 * out by the inbox, which marks the stored event ignored (a resend is looked at again).
 */
async function expectIgnored(world: World, answer: Answer, eventId: string, type: string, reason: string) {
  await world.drain();
  if (reason === 'wrong_endpoint') {
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'ignored', reason } });
    expect(await world.app.services.stripeEvents.count({ eventId })).toBe(0);
  } else {
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'queued' } });
    expect(
      await world.app.services.stripeEvents.count({ eventId, ignored: reason, processedAt: { $ne: null } }),
    ).toBe(1);
  }
  const entries = await ignoredEntries(world, eventId);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    actor: { kind: 'stripe', eventId },
    subject: { type: 'stripe_event', id: eventId },
    details: { eventId, type, reason },
  });
  const recorded = JSON.stringify(entries[0]);
  for (const secret of Object.values(TEST_SECRETS)) expect(recorded).not.toContain(secret);
}

describe('Stripe webhooks are bound to their endpoint', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  async function pendingTopup() {
    const deps = world.app.services.topupDeps;
    const topup = await requestTopup(deps, {
      amountText: '250',
      description: 'endpoint test',
      requestedBy: { teamId: world.slack.teamId, userId: FINANCE.one },
    });
    await approveTopup(deps, {
      id: topup.id,
      approver: { teamId: world.slack.teamId, userId: FINANCE.two },
      isFinance: true,
    });
    await world.drain();
    const stored = await deps.topups.load(topup.id);
    expect(stored?.status).toBe('pending');
    return stored as NonNullable<typeof stored>;
  }

  it('ignores a platform event signed with the Connect secret, and settles on the real delivery', async () => {
    const topup = await pendingTopup();
    world.stripe.setAutoDeliver(false);
    world.stripe.settleTopup(topup.stripeTopupId as string);
    const succeeded = world.stripe.events('topup.succeeded').at(-1);
    if (!succeeded) throw new Error('the simulator emitted no topup.succeeded');
    const auditBefore = (await world.app.services.audit.latest(500)).length;

    const answer = await post(world, JSON.stringify(succeeded, null, 2), CONNECT);
    await world.drain();

    await expectIgnored(world, answer, succeeded.id, 'topup.succeeded', 'wrong_endpoint');
    expect((await world.app.services.topupDeps.topups.load(topup.id))?.status).toBe('pending');
    expect((await world.app.services.audit.latest(500)).length).toBe(auditBefore + 1);

    // The simulator signs it with the platform secret, as Stripe's platform endpoint does.
    const [delivery] = await world.stripe.deliver(succeeded.id);
    expect(delivery?.status).toBe(200);
    await world.drain();
    expect((await world.app.services.topupDeps.topups.load(topup.id))?.status).toBe('succeeded');
    expect(await world.app.services.stripeEvents.count({ eventId: succeeded.id, handled: true })).toBe(1);
    // A redelivery is still acknowledged once, not applied twice.
    await world.stripe.deliver(succeeded.id);
    await world.drain();
    const settled = (await world.app.services.audit.latest(500)).filter(
      (e) => e.action === 'topup.succeeded',
    );
    expect(settled).toHaveLength(1);
  });

  it('ignores Connect events for an account Paydesk never linked, and those signed with the platform secret', async () => {
    const writer = await seedConnectedWriter(world, WRITER);
    const accountId = writer.stripeAccountId as string;
    world.stripe.setAutoDeliver(false);
    world.stripe.restrictAccount(accountId, ['external_account']);
    const real = world.stripe.events('account.updated').at(-1);
    if (!real || real.account !== accountId) throw new Error('the simulator emitted no account.updated');
    const writerStatus = async () =>
      (await world.app.services.onboardingDeps.writers.findById(writer.id))?.status;

    // Correctly signed for the Connect endpoint, but about an account nobody linked to Paydesk.
    const stranger = await post(
      world,
      event(
        'evt_stranger_account',
        'account.updated',
        real.data.object as Record<string, unknown>,
        'acct_unknown',
      ),
      CONNECT,
    );
    await world.drain();
    await expectIgnored(world, stranger, 'evt_stranger_account', 'account.updated', 'unknown_account');
    expect(await writerStatus()).toBe('active');

    // Stripe's own event for the linked account, but signed with the platform endpoint's secret.
    const misrouted = await post(world, JSON.stringify(real, null, 2), PLATFORM);
    await world.drain();
    await expectIgnored(world, misrouted, real.id, 'account.updated', 'wrong_endpoint');
    expect(await writerStatus()).toBe('active');

    // Delivered as Stripe does (Connect secret), the same event still updates the writer.
    const [delivery] = await world.stripe.deliver(real.id);
    expect(delivery?.status).toBe(200);
    await world.drain();
    expect(await writerStatus()).toBe('restricted');
  });

  it.each([
    [
      'topup.succeeded',
      { id: 'tu_never_made', object: 'topup', amount: 500_000, currency: 'usd', metadata: {} },
    ],
    ['transfer.reversed', { id: 'tr_never_made', object: 'transfer', amount: 5_000, metadata: {} }],
  ])('ignores a %s for an object Paydesk never created, changing nothing', async (type, object) => {
    const topup = await pendingTopup();
    const topupsBefore = await world.app.db.models.topups.find().lean();
    const transfersBefore = await world.app.db.models.transfers.countDocuments();
    const slackCallsBefore = world.slack.calls().length;
    const eventId = `evt_never_made_${type.replace('.', '_')}`;

    const answer = await post(world, event(eventId, type, object), PLATFORM);
    await world.drain();

    await expectIgnored(world, answer, eventId, type, 'unknown_object');
    expect(await world.app.db.models.topups.find().lean()).toEqual(topupsBefore);
    expect(await world.app.db.models.transfers.countDocuments()).toBe(transfersBefore);
    expect(world.slack.calls().length).toBe(slackCallsBefore);
    expect((await world.app.services.topupDeps.topups.load(topup.id))?.status).toBe('pending');
  });
});

describe('one signing secret given for both endpoints', () => {
  it('acts on platform and Connect events signed with it', async () => {
    const world = await startWorld({ env: { STRIPE_CONNECT_WEBHOOK_SECRET: PLATFORM } });
    world.stripe.setWebhookEndpoint({
      url: `${world.app.url}/stripe/webhooks`,
      secret: PLATFORM,
      connectSecret: PLATFORM,
    });
    try {
      const writer = await seedConnectedWriter(world, WRITER);
      world.stripe.setAutoDeliver(false);
      world.stripe.restrictAccount(writer.stripeAccountId as string, ['external_account']);
      const restricted = world.stripe.events('account.updated').at(-1);
      if (!restricted) throw new Error('the simulator emitted no account.updated');
      const connect = await post(world, JSON.stringify(restricted), PLATFORM);
      expect(connect).toEqual({ status: 200, body: { received: true, outcome: 'queued' } });
      await world.drain();
      expect((await world.app.services.onboardingDeps.writers.findById(writer.id))?.status).toBe(
        'restricted',
      );

      const platform = await post(
        world,
        event('evt_platform_shared', 'balance.available', { object: 'balance', available: [] }),
        PLATFORM,
      );
      expect(platform).toEqual({ status: 200, body: { received: true, outcome: 'queued' } });
    } finally {
      await world.stop();
    }
  });
});
