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
});
