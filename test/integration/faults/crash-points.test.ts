import { addSeconds } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import type { CrashPoint } from '../../../src/config';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { startChildApp } from '../../support/child-app';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

type Kind = 'topup' | 'transfer';

async function postRequest(world: World, kind: Kind) {
  const text = kind === 'topup' ? '2000 crash test' : `<@${WRITER.id}> 9.00 crash test`;
  await world.send.command({ userId: FINANCE.one, command: `/${kind}`, text });
  await world.drain();
  const message = world.slack.messages(FINANCE_CHANNEL).at(-1);
  if (!message) throw new Error('no request message');
  return message;
}

async function reconcileLater(world: World) {
  const services = world.app.services;
  return reconcileOnce(
    { topups: services.topupDeps, transfers: services.transferDeps },
    addSeconds(new Date(), 120),
  );
}

function stripeObjects(world: World, kind: Kind) {
  return kind === 'topup' ? world.stripe.listTopups() : world.stripe.listTransfers();
}

/** The raw collection: both request kinds share the fields these tests read. */
function requests(world: World, kind: Kind) {
  return world.app.db.connection.collection(kind === 'topup' ? 'topups' : 'transfers');
}

async function storedStatus(world: World, kind: Kind) {
  return (await requests(world, kind).findOne())?.status;
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`crash recovery:\n${figures.join('\n')}`);
});

describe.each<Kind>(['topup', 'transfer'])('a %s survives the process dying', (kind) => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(1_000_000);
    if (kind === 'transfer') await seedConnectedWriter(world, WRITER);
  });
  afterEach(() => world.stop());

  it.each<CrashPoint>(['after-approval', 'after-stripe-before-save'])(
    'at %s: restart, one reconciler pass, one Stripe object, the truth told',
    async (point) => {
      const request = await postRequest(world, kind);
      // No webhooks: Stripe's `*.created` event would also finish the job; this proves the reconciler does.
      world.stripe.setAutoDeliver(false);
      const doomed = await startChildApp({ ...world.replicaEnv, PAYDESK_CRASH_AT: point });
      await world.slack.requestsTo(doomed.url).blockAction({
        userId: FINANCE.two,
        actionId: kind === 'topup' ? ACTIONS.approveTopup : ACTIONS.approveTransfer,
        channelId: FINANCE_CHANNEL,
        messageTs: request.ts,
      });
      expect(['SIGKILL', 137]).toContain(await doomed.exited); // tsx relays the kill as 128 + 9
      expect(await storedStatus(world, kind)).toBe(point === 'after-approval' ? 'approved' : 'submitting');

      const report = await reconcileLater(world);
      await world.drain();
      const objects = stripeObjects(world, kind);
      expect(objects).toHaveLength(1);
      expect(await storedStatus(world, kind)).toBe(kind === 'topup' ? 'pending' : 'paid');
      const text = renderMessageText(
        world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === request.ts) ?? {},
      );
      expect(text).toContain(objects[0]?.id);
      const actions = (await world.app.services.audit.latest(50)).map((entry) => entry.action);
      expect(actions).toContain(kind === 'topup' ? 'topup.submitted' : 'transfer.paid');
      expect(actions).toContain('reconciler.repaired');
      if (kind === 'transfer') {
        const dms = world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => renderMessageText(m));
        expect(dms.filter((dm) => dm.includes('You were paid'))).toHaveLength(1);
      }
      const stuck = await requests(world, kind).countDocuments({
        status: { $in: ['approved', 'submitting'] },
      });
      expect(stuck).toBe(0);
      figures.push(
        `  ${kind} crash at ${point}: ${objects.length} Stripe object, 0 duplicates, ${stuck} stuck (repaired: ${[
          ...report.startedSubmissions,
          ...report.resubmitted,
        ].join(', ')})`,
      );
    },
  );
});

describe('a top-up settlement survives the process dying mid-webhook', () => {
  it('the retried event is processed by a live replica and the alert goes out once', async () => {
    const world = await startWorld();
    try {
      const request = await postRequest(world, 'topup');
      await world.send.blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: request.ts,
      });
      await world.drain();
      const doomed = await startChildApp({ ...world.replicaEnv, PAYDESK_CRASH_AT: 'mid-webhook' });
      world.stripe.setAutoDeliver(false);
      world.stripe.setWebhookEndpoint({
        url: `${doomed.url}/stripe/webhooks`,
        secret: TEST_SECRETS.stripeWebhookSecret,
        connectSecret: TEST_SECRETS.stripeConnectWebhookSecret,
        maxAttempts: 1,
      });
      world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
      const settled = world.stripe.events('topup.succeeded')[0];
      await world.stripe.deliver(settled?.id as string);
      expect(['SIGKILL', 137]).toContain(await doomed.exited); // tsx relays the kill as 128 + 9
      expect(await storedStatus(world, 'topup')).toBe('succeeded');
      const alerts = () =>
        world.slack.messages(FINANCE_CHANNEL).filter((m) => /settled\*? —/.test(renderMessageText(m)));
      expect(alerts()).toHaveLength(0);

      // Stripe retries the delivery; the live replica takes over the expired claim.
      world.stripe.setWebhookEndpoint({
        url: `${world.app.url}/stripe/webhooks`,
        secret: TEST_SECRETS.stripeWebhookSecret,
        connectSecret: TEST_SECRETS.stripeConnectWebhookSecret,
      });
      await world.app.db.models.stripeEvents.updateOne(
        { eventId: settled?.id },
        { $set: { claimedUntil: new Date(0) } },
      );
      await world.stripe.deliver(settled?.id as string);
      await world.drain();
      expect(
        await world.app.db.models.stripeEvents.countDocuments({
          eventId: settled?.id,
          processedAt: { $ne: null },
        }),
      ).toBe(1);
      await reconcileLater(world);
      await world.drain();
      expect(alerts()).toHaveLength(1);
      await reconcileLater(world);
      await world.drain();
      expect(alerts()).toHaveLength(1);
    } finally {
      await world.stop();
    }
  });
});

describe('a webhook answered and then lost to a crash', () => {
  it('is processed once from the inbox after the restart, without Stripe delivering it again', async () => {
    // The live replica's watch would take the event at any moment; here the kick below stands
    // for it (and for a restarted replica's first look), so the event waits until then.
    const world = await startWorld({ stripeInboxPollMs: 3_600_000 });
    try {
      const request = await postRequest(world, 'topup');
      await world.send.blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: request.ts,
      });
      await world.drain();
      const doomed = await startChildApp({ ...world.replicaEnv, PAYDESK_CRASH_AT: 'after-webhook-answered' });
      world.stripe.setAutoDeliver(false);
      world.stripe.setWebhookEndpoint({
        url: `${doomed.url}/stripe/webhooks`,
        secret: TEST_SECRETS.stripeWebhookSecret,
        connectSecret: TEST_SECRETS.stripeConnectWebhookSecret,
        maxAttempts: 1,
      });
      world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
      const settled = world.stripe.events('topup.succeeded')[0];
      const [attempt] = await world.stripe.deliver(settled?.id as string);
      expect(attempt?.status).toBe(200);
      expect(['SIGKILL', 137]).toContain(await doomed.exited);
      expect(await storedStatus(world, 'topup')).toBe('pending');
      expect(
        await world.app.db.models.stripeEvents.countDocuments({ eventId: settled?.id, processedAt: null }),
      ).toBe(1);

      // A replica starting up (or any live one, on its watch) processes what the inbox holds.
      world.app.services.stripeInbox.kick();
      await world.drain();
      expect(await storedStatus(world, 'topup')).toBe('succeeded');
      expect(world.stripe.deliveryLog().filter((d) => d.eventId === settled?.id)).toHaveLength(1);
      const alerts = world.slack
        .messages(FINANCE_CHANNEL)
        .filter((m) => /settled\*? —/.test(renderMessageText(m)));
      expect(alerts).toHaveLength(1);
      world.app.services.stripeInbox.kick();
      await world.drain();
      expect(
        await world.app.db.models.stripeEvents.countDocuments({
          eventId: settled?.id,
          processedAt: { $ne: null },
        }),
      ).toBe(1);
    } finally {
      await world.stop();
    }
  });
});
