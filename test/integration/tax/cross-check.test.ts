import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { taxReconcilePass } from '../../../src/domain/tax/tax-pass';
import { FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { payTransfer } from './tax-helpers';

const HOUR = 3_600_000;

describe('the reconciler cross-checks a sample of writers’ year against Stripe’s transfers', () => {
  let world: World;
  let now = new Date('2026-09-01T15:00:00Z');
  let account: string;

  beforeAll(async () => {
    world = await startWorld({ clock: () => now });
    world.stripe.setAvailableBalance(1_000_000);
    account = (await seedConnectedWriter(world, WRITER)).stripeAccountId as string;
    await payTransfer(world, `<@${WRITER.id}> 120 August answers`);
    await payTransfer(world, `<@${WRITER.id}> 80 September answers`);
  });
  afterAll(() => world.stop());

  const pass = () => {
    const { services } = world.app;
    return reconcileOnce(
      {
        topups: services.topupDeps,
        transfers: services.transferDeps,
        checks: [taxReconcilePass(services.taxDeps)],
      },
      now,
    );
  };
  const crossCheckPosts = () =>
    world.slack.messages(FINANCE_CHANNEL).filter((m) => m.text.includes('differ from Stripe'));

  it('finds nothing to report when Paydesk and Stripe agree, and runs at most once an hour', async () => {
    const result = await taxReconcilePass(world.app.services.taxDeps)(now);
    expect(result.crossChecked).toEqual([expect.objectContaining({ checkedTransfers: 2, differences: [] })]);
    expect((await taxReconcilePass(world.app.services.taxDeps)(now)).crossChecked).toBeNull();
    expect(crossCheckPosts()).toHaveLength(0);
  });

  it('reports a transfer made outside Paydesk and an amount that differs, in the log and to finance', async () => {
    // Someone paid the writer from Stripe's Dashboard; and a stored amount no longer matches Stripe's.
    const outside = await world.app.services.stripe.transfers.create({
      amount: 2_500,
      currency: 'usd',
      destination: account,
    });
    await world.app.db.models.transfers.updateOne({ amountCents: 8_000 }, { $set: { amountCents: 8_100 } });
    now = new Date(now.getTime() + 2 * HOUR);
    await pass();
    await world.drain();
    const posts = crossCheckPosts();
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.blocks);
    expect(text).toContain('2026 payment totals differ from Stripe for 1 writer');
    expect(text).toContain(
      `Stripe transfer \`${outside.id}\` ($25.00) isn't counted in this year by Paydesk`,
    );
    expect(text).toMatch(/TR-\d{4} `tr_\w+`: \$81\.00 in Paydesk, \$80\.00 at Stripe/);
    // The same differences an hour later are not posted again.
    now = new Date(now.getTime() + 2 * HOUR);
    await pass();
    await world.drain();
    expect(crossCheckPosts()).toHaveLength(1);
  });

  it('reports a reversal Paydesk has not heard of, and a payment Paydesk counts in a year Stripe does not', async () => {
    const transfers = world.app.db.models.transfers;
    const august = await transfers.findOne({ amountCents: 12_000 }).lean();
    if (!august?.stripeTransferId) throw new Error('the August transfer was not paid');
    // A record from before payments were dated by Stripe: made at Stripe seconds before midnight
    // on Dec 31, 2025, recorded paid by Paydesk's own clock seconds after it.
    const paydeskNow = now;
    now = new Date('2025-12-31T23:59:50-05:00');
    const lateNight = await world.app.services.stripe.transfers.create({
      amount: 1_500,
      currency: 'usd',
      destination: account,
    });
    now = paydeskNow;
    const { _id, ...template } = august;
    await transfers.create({
      ...template,
      ref: 'TR-0900',
      amountCents: 1_500,
      idempotencyKey: 'transfer:legacy-new-years-eve',
      originKey: 'transfer:legacy-new-years-eve',
      stripeTransferId: lateNight.id,
      paidAt: new Date('2026-01-01T00:00:10-05:00'),
    });
    // Reversed at Stripe while its webhook has not reached Paydesk yet.
    world.stripe.setAutoDeliver(false);
    await world.app.services.stripe.transfers.createReversal(august.stripeTransferId, { amount: 2_000 });

    now = new Date(now.getTime() + 2 * HOUR);
    const [checked] = (await taxReconcilePass(world.app.services.taxDeps)(now)).crossChecked ?? [];
    await world.drain();
    expect(checked?.differences).toEqual(
      expect.arrayContaining([
        {
          kind: 'reversed',
          ref: august.ref,
          stripeTransferId: august.stripeTransferId,
          paydeskCents: 0,
          stripeCents: 2_000,
        },
        { kind: 'only_at_paydesk', ref: 'TR-0900', stripeTransferId: lateNight.id, paydeskCents: 1_500 },
      ]),
    );
    const text = JSON.stringify(crossCheckPosts().at(-1)?.blocks);
    expect(crossCheckPosts()).toHaveLength(2);
    expect(text).toContain(
      `${august.ref} \`${august.stripeTransferId}\`: $0.00 reversed in Paydesk, $20.00 at Stripe`,
    );
    expect(text).toContain("TR-0900 ($15.00) isn't among Stripe's transfers of this year");

    // Once Stripe's webhook arrives, Paydesk has the reversal and only the 2025 payment differs.
    world.stripe.setAutoDeliver(true);
    await world.stripe.deliverPendingEvents();
    await world.drain();
    now = new Date(now.getTime() + 2 * HOUR);
    const [again] = (await taxReconcilePass(world.app.services.taxDeps)(now)).crossChecked ?? [];
    expect(again?.differences.map((d) => d.kind).sort()).toEqual([
      'amount',
      'only_at_paydesk',
      'only_at_stripe',
    ]);
  });
});
