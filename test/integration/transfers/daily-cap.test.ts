import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

describe('the daily transfer cap', () => {
  let world: World;
  beforeAll(async () => {
    // $100 cap; 50 requests of $7 each would be $350.
    world = await startWorld({ replicas: 2, env: { DAILY_TRANSFER_CAP_CENTS: '10000' } });
    world.stripe.setAvailableBalance(1_000_000);
    await seedConnectedWriter(world, WRITER);
  });
  afterAll(() => world.stop());

  it('holds under 50 concurrent approvals of different requests: the total approved never exceeds it', async () => {
    const messages: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      await world.send.command({
        userId: FINANCE.one,
        command: '/transfer',
        text: `<@${WRITER.id}> 7 line ${i}`,
      });
      await world.drain();
      messages.push(world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string);
    }
    expect(await world.app.db.models.transfers.countDocuments({ status: 'requested' })).toBe(50);

    await Promise.all(
      messages.map((ts, i) =>
        (world.senders[i % 2] ?? world.send).blockAction({
          userId: i % 2 ? FINANCE.two : FINANCE.three,
          actionId: ACTIONS.approveTransfer,
          channelId: FINANCE_CHANNEL,
          messageTs: ts,
        }),
      ),
    );
    await world.drain();

    const paid = await world.app.db.models.transfers.find({ status: 'paid' }).lean();
    const paidCents = paid.reduce((sum, transfer) => sum + transfer.amountCents, 0);
    expect(paidCents).toBeLessThanOrEqual(10_000);
    expect(paid).toHaveLength(14); // 14 × $7 = $98; a 15th would pass $100
    expect(world.stripe.listTransfers()).toHaveLength(14);
    expect(await world.app.db.models.transfers.countDocuments({ status: 'requested' })).toBe(36);
    const refusals = [...world.slack.ephemerals(FINANCE.two), ...world.slack.ephemerals(FINANCE.three)];
    expect(refusals).toHaveLength(36);
    expect(refusals.every((answer) => answer.text.includes('daily transfer cap'))).toBe(true);
  });
});
