import { findActionElement, renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { clickOnHome, dmTexts, homeButton, openHome } from '../home/helpers';

/**
 * One transfer, one reversal request after another: a button shown for the first request (on a
 * Home tab nobody refreshed, or a copy of the message from before) must not decide the second.
 */
describe('reversal buttons name the request they were shown for', () => {
  let world: World;
  let ts: string;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers for May`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
  });
  afterEach(() => world.stop());

  const message = () => world.slack.message(FINANCE_CHANNEL, ts);
  const messageButton = (actionId: string) =>
    String(findActionElement((message()?.blocks ?? []) as unknown[], actionId)?.element.value);
  const stored = async () => (await world.app.db.models.transfers.findOne().lean())?.reversalRequest;
  const askToReverse = async (amount: string, reason: string) => {
    await click(world, FINANCE.one, ACTIONS.reverseTransfer, ts);
    const modal = world.slack.views().at(-1);
    await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: modal?.id,
      values: { amount: { amount_input: amount }, reason: { reason_input: reason } },
    });
    await world.drain();
  };
  const clickWithValue = async (userId: string, actionId: string, value: string) => {
    await world.send.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs: ts, value });
    await world.drain();
  };

  it('a stale Approve reversal or Keep the payment is refused and changes nothing; the current buttons work', async () => {
    await askToReverse('4.00', 'Paid one answer twice');
    await openHome(world, FINANCE.two);
    const staleHome = world.slack.home(FINANCE.two)?.view;
    const staleApprove = homeButton(world, FINANCE.two, 'TR-0001', ACTIONS.approveReversal, staleHome);
    const staleKeep = messageButton(ACTIONS.rejectReversal);

    // The requester withdraws it and asks for all of it instead.
    await click(world, FINANCE.one, ACTIONS.rejectReversal, ts);
    expect(await stored()).toBeNull();
    await askToReverse('9.00', 'Wrong writer');
    expect((await stored())?.amountCents).toBe(900);

    // fin.two still looks at the Home tab from before and approves what it shows: $4.00.
    await clickOnHome(world, FINANCE.two, staleApprove, ACTIONS.approveReversal, staleHome);
    const answer = dmTexts(world, FINANCE.two).at(-1) ?? '';
    expect(answer).toContain('That reversal request of TR-0001 was withdrawn or already decided.');
    expect(answer).toContain('The one waiting now is $9.00 back from the $9.00 paid to');
    expect(answer).toContain('Wrong writer');
    expect(answer).toContain("Open it from TR-0001's message");
    expect(answer).toContain('Nothing was changed.');
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);
    expect(await stored()).toMatchObject({ amountCents: 900, approvedBy: null });

    // Keep the payment from the first request's buttons does not withdraw the second either.
    await clickWithValue(FINANCE.three, ACTIONS.rejectReversal, staleKeep);
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain('withdrawn or already decided');
    expect((await stored())?.amountCents).toBe(900);

    // A button from before buttons named their request can't say which one it meant: refused too.
    const transferId = String((await world.app.db.models.transfers.findOne().lean())?._id);
    await clickWithValue(FINANCE.two, ACTIONS.approveReversal, transferId);
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain(
      "That button doesn't say which reversal of TR-0001 it was for.",
    );
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);

    // The buttons showing the request waiting now decide it.
    await click(world, FINANCE.two, ACTIONS.approveReversal, ts);
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(900);
    expect(renderMessageText(message() ?? {})).toContain('$9.00 reversed');
  });
});
