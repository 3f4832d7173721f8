import { approveTopup } from '../../../src/domain/topups/approve-topup';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { FINANCE } from '../../support/config';
import { deliverSignedWebhook } from '../../support/stripe-deliveries';
import { startWorld } from '../../support/world';

/** A seeded shuffle, so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const deliver = deliverSignedWebhook;

describe('webhook storm', () => {
  it('1,000 events delivered 3 times each, shuffled, 10% alongside their duplicate: 0 lost, 0 applied twice, final states equal Stripe’s', async () => {
    const world = await startWorld();
    try {
      world.stripe.setAutoDeliver(false);
      const deps = world.app.services.topupDeps;
      for (let i = 0; i < 500; i += 1) {
        const topup = await requestTopup(deps, {
          amountText: String(10 + i),
          description: `storm ${i}`,
          requestedBy: { teamId: 'T0SANDBOX', userId: FINANCE.one },
        });
        await approveTopup(deps, {
          id: topup.id,
          approver: { teamId: 'T0SANDBOX', userId: FINANCE.two },
          isFinance: true,
        });
      }
      await world.drain();
      for (const [i, topup] of world.stripe.listTopups().entries()) {
        if (i % 5 === 0) world.stripe.failTopup(topup.id, 'insufficient_funds');
        else world.stripe.settleTopup(topup.id);
      }
      const events = world.stripe.events().filter((event) => event.type.startsWith('topup.'));
      expect(events).toHaveLength(1000);

      const deliveries = shuffle(
        events.flatMap((event) => [JSON.stringify(event), JSON.stringify(event), JSON.stringify(event)]),
        7,
      );
      const statuses: number[] = [];
      // Waves of 30; every tenth event also goes out at the same moment as its twin.
      for (let i = 0; i < deliveries.length; i += 30) {
        const wave = deliveries.slice(i, i + 30);
        statuses.push(
          ...(await Promise.all(
            wave.flatMap((payload, j) =>
              (i + j) % 10 === 0
                ? [deliver(world, payload), deliver(world, payload)]
                : [deliver(world, payload)],
            ),
          )),
        );
      }
      // What was answered 409 (a twin in flight) comes back, as Stripe retries it.
      const retried = statuses.filter((status) => status === 409).length;
      for (const event of events) {
        const record = await world.app.db.models.stripeEvents.findOne({ eventId: event.id }).lean();
        if (!record?.processedAt) statuses.push(await deliver(world, JSON.stringify(event)));
      }
      await world.drain();

      expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
      expect(await world.app.db.models.stripeEvents.countDocuments()).toBe(1000);
      expect(await world.app.db.models.stripeEvents.countDocuments({ processedAt: null })).toBe(0);
      const stored = await world.app.db.models.topups.find().lean();
      const stripeStatus = new Map(world.stripe.listTopups().map((t) => [t.id, t.status]));
      const mismatched = stored.filter((t) => stripeStatus.get(t.stripeTopupId as string) !== t.status);
      expect(mismatched).toHaveLength(0);
      const appliedTwice = (await world.app.services.audit.latest(5000)).filter((e) =>
        /topup\.(succeeded|failed)/.test(e.action),
      );
      expect(appliedTwice).toHaveLength(500);
      console.log(
        `webhook storm: ${statuses.length} deliveries of 1,000 events (${retried} asked to retry) → 0 lost, 0 applied twice, ${stored.length - mismatched.length}/500 match Stripe`,
      );
    } finally {
      await world.stop();
    }
  }, 180_000);
});
