import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/** The reason finance gives ("the writer will see this") reaches the writer, and the card keeps it. */
describe('the reason for a reversal', () => {
  let world: World;
  let ts: string;
  beforeAll(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 May answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
  });
  afterAll(() => world.stop());

  const card = () => renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts) ?? {});
  const writerDms = () =>
    world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => renderMessageText(m));
  const reverse = async (amount: string, reason: string, approver: string) => {
    await click(world, FINANCE.one, ACTIONS.reverseTransfer, ts);
    await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: world.slack.views().at(-1)?.id,
      values: { amount: { amount_input: amount }, reason: { reason_input: reason } },
    });
    await world.drain();
    await click(world, approver, ACTIONS.approveReversal, ts);
  };

  it('is in the writer DM, and the card keeps it with who asked and who approved', async () => {
    await reverse('4', 'Paid one answer twice', FINANCE.two);
    const dm = writerDms().find((text) => text.includes('$4.00 of your $9.00 payment'));
    expect(dm).toContain('The reason given: Paid one answer twice.');
    const text = card();
    expect(text).toContain('TR-0001 paid, $4.00 of $9.00 reversed');
    expect(text).toMatch(
      new RegExp(
        `\\$4\\.00 reversed .*: Paid one answer twice · asked by @${FINANCE.one}, approved by @${FINANCE.two}`,
      ),
    );
    // The request itself is gone (no Approve reversal), its record stays.
    expect(text).not.toContain('[Approve reversal]');
  });

  it("keeps the approver when Stripe's event records the reversal before the approver's click could", async () => {
    world.stripe.setAutoDeliver(false);
    // Stripe makes the reversal but every answer to Paydesk is lost: the click can't record it.
    world.stripe.failNext(3, 'commit-then-500', { method: 'POST', path: /\/reversals$/ });
    await reverse('2', 'Bonus paid by mistake', FINANCE.three);
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain('Stripe did not answer');
    const event = world.stripe.events('transfer.reversed').at(-1);
    if (!event) throw new Error('the simulator emitted no transfer.reversed');
    await world.stripe.deliver(event.id);
    await world.drain();
    expect(card()).toMatch(
      new RegExp(
        `\\$2\\.00 reversed .*: Bonus paid by mistake · asked by @${FINANCE.one}, approved by @${FINANCE.three}`,
      ),
    );
    const dm = writerDms().find((text) => text.includes('$2.00 of your $9.00 payment'));
    expect(dm).toContain('The reason given: Bonus paid by mistake.');
  });
});
