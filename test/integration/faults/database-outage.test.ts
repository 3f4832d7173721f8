import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addSeconds } from 'date-fns';
import Stripe from 'stripe';
import { freePort } from '../../../src/db/peers/free-port';
import { type MongoPeer, startMongoPeer } from '../../../src/db/peers/mongo-peer';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS } from '../../support/config';
import { startWorld, type World } from '../../support/world';

const DB_DOWN = "Paydesk can't reach its database right now, so nothing was changed. Try again in a minute.";

async function timedAnswer(
  world: World,
  userId: string,
  send: () => Promise<unknown>,
): Promise<{ text: string; ms: number }> {
  const before = world.slack.ephemerals(userId).length;
  const started = Date.now();
  await send();
  const text = await world.slack.waitFor(
    (sim) => (sim.ephemerals(userId).length > before ? sim.ephemerals(userId).at(-1)?.text : undefined),
    { timeoutMs: 10_000, intervalMs: 20 },
  );
  return { text, ms: Date.now() - started };
}

describe('the database server stopped and restarted mid-run', () => {
  it('answers every action within 3 s during the outage, loses no approved request and pays nothing twice', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'paydesk-outage-')), 'paydesk.mv.db');
    const port = await freePort();
    let peer: MongoPeer = await startMongoPeer({ skipMongod: true, dataFile, port });
    const world = await startWorld({ mongodbUri: peer.uri });
    try {
      world.stripe.setAvailableBalance(100_000);
      const post = async (text: string) => {
        await world.send.command({ userId: FINANCE.one, command: '/topup', text });
        await world.drain();
        return world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string;
      };
      const click = (ts: string, userId = FINANCE.two) =>
        world.send.blockAction({
          userId,
          actionId: ACTIONS.approveTopup,
          channelId: FINANCE_CHANNEL,
          messageTs: ts,
        });
      const before = await post('100 before the outage');
      await click(before);
      const waiting = await post('200 waiting through the outage');
      await world.drain();

      await peer.stop();
      const answers = [
        await timedAnswer(world, FINANCE.one, () =>
          world.send.command({ userId: FINANCE.one, command: '/topup', text: '300 during' }),
        ),
        await timedAnswer(world, FINANCE.two, () => click(waiting)),
        await timedAnswer(world, FINANCE.three, () =>
          world.send.command({ userId: FINANCE.three, command: '/payouts', text: 'pending' }),
        ),
      ];
      for (const answer of answers) {
        expect(answer.text).toBe(DB_DOWN);
        expect(answer.ms).toBeLessThan(3000);
      }
      const event = JSON.stringify({
        id: 'evt_outage',
        object: 'event',
        type: 'topup.succeeded',
        livemode: false,
        created: 1,
        data: { object: { id: 'tu_x', object: 'topup' } },
      });
      const signature = new Stripe(TEST_SECRETS.stripeSecretKey).webhooks.generateTestHeaderString({
        payload: event,
        secret: TEST_SECRETS.stripeWebhookSecret,
      });
      const webhook = await fetch(`${world.app.url}/stripe/webhooks`, {
        method: 'POST',
        headers: { 'stripe-signature': signature },
        body: event,
      });
      expect(webhook.status).toBe(503);

      peer = await startMongoPeer({ skipMongod: true, dataFile, port });
      await world.slack.waitFor(
        async () => (await fetch(`${world.app.url}/readyz`)).status === 200 || undefined,
        { timeoutMs: 15_000 },
      );
      await click(waiting);
      await world.drain();
      await reconcileOnce(
        { topups: world.app.services.topupDeps, transfers: world.app.services.transferDeps },
        addSeconds(new Date(), 120),
      );
      await world.drain();

      const stored = await world.app.db.models.topups.find().sort({ requestedAt: 1 }).lean();
      expect(stored.map((t) => [t.description, t.status])).toEqual([
        ['before the outage', 'pending'],
        ['waiting through the outage', 'pending'],
      ]);
      const atStripe = world.stripe.listTopups();
      expect(atStripe).toHaveLength(2);
      expect(new Set(atStripe.map((t) => t.metadata?.paydesk_request_id)).size).toBe(2);
      console.log(
        `database outage: ${answers.map((a) => `${a.ms} ms`).join(', ')} to answer during the outage; 0 lost, 0 duplicates`,
      );
    } finally {
      await world.stop();
      await peer.stop();
    }
  }, 90_000);
});
