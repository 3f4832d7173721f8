import { addMinutes } from 'date-fns';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { writerYearToDate } from '../../../src/domain/tax/year-to-date';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/** stripe-node tries three times; Stripe makes the transfer and every answer is lost. */
const LOST_TRIES = 3;

describe('a payment counts in the year Stripe made it, not the year Paydesk heard of it', () => {
  let world: World;
  let now = new Date('2026-12-31T23:59:30-05:00');
  afterAll(() => world.stop());

  it('a transfer made at 23:59 on New Year’s Eve whose answer came after midnight counts in the old year', async () => {
    world = await startWorld({ clock: () => now });
    world.stripe.setAvailableBalance(1_000_000);
    const writerId = (await seedConnectedWriter(world, WRITER)).id;
    world.stripe.setAutoDeliver(false);
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 250.00 December answers`);
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /^\/v1\/transfers$/ });
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    expect(world.stripe.listTransfers()).toHaveLength(1);

    // The reconciler finds it at Stripe twenty minutes into the new year.
    now = addMinutes(now, 20);
    const { topupDeps, transferDeps } = world.app.services;
    await reconcileOnce({ topups: topupDeps, transfers: transferDeps }, now);
    await world.drain();
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored?.status).toBe('paid');
    expect(stored?.paidAt?.toISOString()).toBe('2027-01-01T04:59:30.000Z');

    const deps = { transfers: transferDeps.transfers };
    const timeZone = 'America/New_York';
    expect(await writerYearToDate(deps, { writerId, year: 2026, timeZone })).toMatchObject({
      paidCents: 25_000,
    });
    expect(await writerYearToDate(deps, { writerId, year: 2027, timeZone })).toMatchObject({ paidCents: 0 });
  });
});
