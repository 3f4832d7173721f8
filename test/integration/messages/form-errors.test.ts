import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/**
 * Problems with what was typed in the reversal form come back inside the form, next to the field
 * (`response_action: errors`, so Slack keeps what was typed), in the ack itself, and nothing is stored.
 */
describe('errors in the reversal form', () => {
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

  const submit = async (amount: string, reason: string) => {
    await click(world, FINANCE.one, ACTIONS.reverseTransfer, ts);
    const answer = await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: world.slack.views().at(-1)?.id,
      values: { amount: { amount_input: amount }, reason: { reason_input: reason } },
    });
    await world.drain();
    return answer.json;
  };
  const waiting = async () => (await world.app.db.models.transfers.findOne().lean())?.reversalRequest;

  it.each([
    ['abc', "“abc” isn't a dollar amount."],
    ['1 000', '“1 000” has a space in it; write it as 1000 or 1,000.'],
    ['0', "“0” isn't a positive dollar amount."],
    ['10', 'Only $9.00 of TR-0001 can still be reversed.'],
  ])('amount %s is refused under the amount field', async (amount, error) => {
    const told = world.slack.ephemerals(FINANCE.one).length;
    expect(await submit(amount, 'Paid twice')).toEqual({
      response_action: 'errors',
      errors: { amount: error },
    });
    expect(await waiting()).toBeNull();
    // Said in the form only, not again as a private message.
    expect(world.slack.ephemerals(FINANCE.one)).toHaveLength(told);
  });

  it('measures "more than is left" against what earlier reversals left', async () => {
    expect(await submit('4', 'Paid one answer twice')).toBeUndefined();
    await click(world, FINANCE.two, ACTIONS.approveReversal, ts);
    expect((await world.app.db.models.transfers.findOne().lean())?.amountReversedCents).toBe(400);
    expect(await submit('5.01', 'Again')).toEqual({
      response_action: 'errors',
      errors: { amount: 'Only $5.00 of TR-0001 can still be reversed.' },
    });
    expect(await submit('', '')).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why; the writer will see it.' },
    });
    expect(await waiting()).toBeNull();
  });
});
