import { writerYearToDate } from '../../../src/domain/tax/year-to-date';
import { FINANCE } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { csvCents, latestCsv, payouts, payTransfer } from './tax-helpers';

/**
 * A transfer paid at 23:30 on New Year's Eve in New York (04:30 UTC on Jan 1) counts in the year
 * that is ending; a reversal made the following March reduces the new year, not the old one.
 */
describe('tax years: boundaries in the reporting time zone, reversals in the year they were made', () => {
  let world: World;
  let now = new Date('2026-12-31T23:30:00-05:00');
  let writerId: string;
  let decemberTransfer: string;

  beforeAll(async () => {
    world = await startWorld({ clock: () => now, env: { TAX_THRESHOLDS_CENTS: '2026=5000,2027=5000' } });
    world.stripe.setAvailableBalance(1_000_000);
    writerId = (await seedConnectedWriter(world, WRITER)).id;
    decemberTransfer = await payTransfer(world, `<@${WRITER.id}|writer.one> 100 December answers`);
    now = new Date('2027-01-01T00:30:00-05:00');
    await payTransfer(world, `<@${WRITER.id}|writer.one> 40 January answers`);
    now = new Date('2027-03-02T15:00:00-05:00');
    // Reversed from Stripe's Dashboard: Stripe's transfer.reversed webhook tells Paydesk.
    await world.app.services.stripe.transfers.createReversal(decemberTransfer, { amount: 3_000 });
    await world.drain();
  });
  afterAll(() => world.stop());

  it('counts the New Year’s Eve transfer in 2026 and the reversal in 2027', async () => {
    const deps = { transfers: world.app.services.transferDeps.transfers };
    const timeZone = 'America/New_York';
    expect(await writerYearToDate(deps, { writerId, year: 2026, timeZone })).toEqual({
      year: 2026,
      paidCents: 10_000,
      reversedCents: 0,
      netCents: 10_000,
    });
    expect(await writerYearToDate(deps, { writerId, year: 2027, timeZone })).toEqual({
      year: 2027,
      paidCents: 4_000,
      reversedCents: 3_000,
      netCents: 1_000,
    });
    // In UTC both payments would be 2027's: the zone is what puts the first one in 2026.
    expect(await writerYearToDate(deps, { writerId, year: 2026, timeZone: 'UTC' })).toMatchObject({
      paidCents: 0,
    });
  });

  it('shows 2026 unchanged by the later reversal in the statement, its CSV and the meter', async () => {
    const answer = await payouts(world, FINANCE.one, `statement <@${WRITER.id}|writer.one> 2026`);
    expect(answer).toContain('2026 statement');
    expect(answer).toContain('net $100.00');
    expect(answer).toContain('Thu, Dec 31, 11:30 PM');
    expect(answer).not.toContain('reversed *$30.00*');
    const rows = latestCsv(world, world.slack.dmChannelOf(FINANCE.one));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'date_America/New_York': '2026-12-31 23:30', type: 'payment' });
    expect(rows[0]?.stripe_transfer_id).toBe(decemberTransfer);

    const meter = await payouts(world, FINANCE.one, 'tax 2026');
    expect(meter).toContain('1099-NEC meter for 2026');
    expect(meter).toMatch(/At or over \$50\.00[\s\S]*writer\.one — \*\$100\.00/);
  });

  it('takes the March reversal of the December transfer off 2027', async () => {
    const answer = await payouts(world, FINANCE.one, `statement <@${WRITER.id}> 2027`);
    expect(answer).toContain('Paid $40.00 · reversed $30.00 · *net $10.00*');
    const rows = latestCsv(world, world.slack.dmChannelOf(FINANCE.one));
    expect(rows.map((row) => [row.type, csvCents(row.amount_usd), row.stripe_transfer_id])).toEqual([
      ['payment', 4_000, expect.stringMatching(/^tr_/)],
      ['reversal', -3_000, decemberTransfer],
    ]);
    expect(rows[1]?.['date_America/New_York']).toBe('2027-03-02 15:00');
    const meter = await payouts(world, FINANCE.one, 'tax 2027');
    expect(meter).toContain('Nobody is at or near the threshold');
  });
});
