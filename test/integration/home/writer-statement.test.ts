import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { csvCents, latestCsv, payouts, payTransfer } from '../tax/tax-helpers';
import { clickOnHome, dmTexts, homeButton, openHome } from './helpers';

/**
 * The writer's own statement from App Home: the message a `/payouts statement` gives, by DM (a
 * Home click has no response_url), and the CSV in the same DM; only ever the clicker's own.
 */
describe('the statement button on a writer’s App Home', () => {
  let world: World;
  let now = new Date('2025-12-10T15:00:00Z');
  const transferIds: Record<string, string> = {};
  const dmFiles = (userId: string) =>
    world.slack.files().filter((file) => file.channelId === world.slack.dmChannelOf(userId));

  beforeAll(async () => {
    world = await startWorld({ clock: () => now });
    world.stripe.setAvailableBalance(1_000_000);
    await seedConnectedWriter(world, WRITER);
    await seedConnectedWriter(world, WRITER_TWO);
    transferIds.december = await payTransfer(world, `<@${WRITER.id}> 40 December answers`);
    now = new Date('2026-03-10T15:00:00Z');
    transferIds.march = await payTransfer(world, `<@${WRITER.id}> 120 March answers`);
    now = new Date('2026-04-02T15:00:00Z');
    transferIds.other = await payTransfer(world, `<@${WRITER_TWO.id}> 55 Writer two answers`);
    now = new Date('2026-05-12T15:00:00Z');
    transferIds.may = await payTransfer(world, `<@${WRITER.id}> 80 May answers`);
    now = new Date('2026-06-01T15:00:00Z');
    // Reversed from Stripe's Dashboard; Stripe's webhook tells Paydesk.
    await world.app.services.stripe.transfers.createReversal(transferIds.march as string, { amount: 3_000 });
    await world.drain();
    now = new Date('2026-06-16T16:00:00Z');
  });
  afterAll(() => world.stop());

  it('DMs the writer their own 2026 statement and its CSV: the year’s payments and reversals, nobody else’s', async () => {
    const home = await openHome(world, WRITER.id);
    expect(home).toContain('[Get my 2026 statement]');
    const button = homeButton(world, WRITER.id, 'Total paid in 2026', ACTIONS.homeStatement);
    await clickOnHome(world, WRITER.id, button, ACTIONS.homeStatement);

    const message = dmTexts(world, WRITER.id).at(-1) ?? '';
    expect(message).toContain('Your 2026 statement');
    expect(message).toContain('Paid $200.00 · reversed $30.00 · *net $170.00* (2 payments, 1 reversal)');
    expect(message).toContain('March answers');
    expect(message).not.toContain('December answers');
    expect(message).not.toContain('Writer two');

    expect(dmFiles(WRITER.id)).toHaveLength(1);
    const rows = latestCsv(world, world.slack.dmChannelOf(WRITER.id));
    expect(rows.map((row) => [row.type, csvCents(row.amount_usd), row.memo, row.stripe_transfer_id])).toEqual(
      [
        ['payment', 12_000, 'March answers', transferIds.march],
        ['payment', 8_000, 'May answers', transferIds.may],
        ['reversal', -3_000, 'March answers', transferIds.march],
      ],
    );
    expect(new Set(rows.map((row) => row.writer))).toEqual(new Set([WRITER.name]));
    // Nothing went anywhere else: not to the other writer, not to finance.
    expect(dmFiles(WRITER_TWO.id)).toHaveLength(0);
    expect(dmTexts(world, WRITER_TWO.id).some((text) => text.includes('statement'))).toBe(false);
    expect(world.slack.files().filter((file) => file.channelId === FINANCE_CHANNEL)).toHaveLength(0);

    // The same statement `/payouts statement 2026` gives them.
    const asked = await payouts(world, WRITER.id, 'statement 2026');
    expect(asked).toBe(message);
    const [fromHome, fromCommand] = dmFiles(WRITER.id);
    expect(dmFiles(WRITER.id)).toHaveLength(2);
    expect(fromCommand?.content).toBe(fromHome?.content);
  });

  it('is the clicker’s own statement whatever the button says; someone who is not a writer gets none', async () => {
    const seenByWriterOne = homeButton(world, WRITER.id, 'Total paid in 2026', ACTIONS.homeStatement);
    // Writer two clicks a button taken from writer one's Home: they get their own.
    await openHome(world, WRITER_TWO.id);
    await clickOnHome(world, WRITER_TWO.id, seenByWriterOne, ACTIONS.homeStatement);
    expect(dmTexts(world, WRITER_TWO.id).at(-1)).toContain(
      'Paid $55.00 · reversed $0.00 · *net $55.00* (1 payment, 0 reversals)',
    );
    const rows = latestCsv(world, world.slack.dmChannelOf(WRITER_TWO.id));
    expect(rows.map((row) => [row.writer, row.stripe_transfer_id])).toEqual([
      [WRITER_TWO.name, transferIds.other],
    ]);

    const files = world.slack.files().length;
    await clickOnHome(
      world,
      OUTSIDER,
      seenByWriterOne,
      ACTIONS.homeStatement,
      world.slack.home(WRITER.id)?.view,
    );
    expect(dmTexts(world, OUTSIDER).at(-1)).toContain("You aren't a writer in Paydesk");
    expect(world.slack.files()).toHaveLength(files);
  });

  it('in January, with nothing paid yet that year, offers last year’s statement (its forms are due by January 31)', async () => {
    now = new Date('2027-01-15T15:00:00Z');
    const january = await openHome(world, WRITER.id);
    expect(january).toContain('*Total paid in 2027:* $0.00');
    expect(january).toContain('[Get my 2026 statement]');
    expect(january).not.toContain('[Get my 2027 statement]');
    await clickOnHome(
      world,
      WRITER.id,
      homeButton(world, WRITER.id, 'Total paid in 2027', ACTIONS.homeStatement),
      ACTIONS.homeStatement,
    );
    expect(dmTexts(world, WRITER.id).at(-1)).toContain('Your 2026 statement');

    // From February on, only the year under way (and it has nothing in it yet).
    now = new Date('2027-02-01T15:00:00Z');
    expect(await openHome(world, WRITER.id)).not.toContain('statement]');
    now = new Date('2026-06-16T16:00:00Z');
  });
});
