import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { approve, clickOnRun, requestRun, seedWriters, waitForRun } from './helpers';

/** A line belongs to its run: it is paid through the run or not at all, never twice. */
describe('a payout-run line is paid through its run only', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  async function pausedForBalance() {
    const [writer] = await seedWriters(world, 1);
    world.stripe.setAvailableBalance(0);
    const { run } = await requestRun(world.app, world, `writer,amount,memo\n${writer?.email},25.00,May`);
    await approve(world, run);
    const paused = await waitForRun(world.app, run.id, ['paused']);
    expect(paused.pause?.reason).toBe('balance_insufficient');
    const line = await world.app.db.models.transfers.findOne({ batchId: run.id }).lean();
    expect(line?.status).toBe('failed');
    return { paused, lineId: String(line?._id) };
  }

  it('Retry on a failed line is refused with what to do instead; Resume then pays it once', async () => {
    const { paused, lineId } = await pausedForBalance();
    await world.send.blockAction({
      userId: FINANCE.three,
      actionId: ACTIONS.retryTransfer,
      value: lineId,
      channelId: FINANCE_CHANNEL,
      messageTs: paused.slackMessage?.ts as string,
    });
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toMatch(
      /TR-\d{4} is line 2 of a payout run, so it can't be retried on its own\. .*Resume on the run's message/,
    );
    expect(await world.app.db.models.transfers.countDocuments()).toBe(1);

    world.stripe.setAvailableBalance(100_000);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    const completed = await waitForRun(world.app, paused.id, ['completed']);
    expect(completed.progress?.paidLines).toBe(1);
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect(world.stripe.listTransfers()[0]?.amount).toBe(2500);
  });

  it('a line already retried another way is never paid again by the run', async () => {
    const { paused, lineId } = await pausedForBalance();
    // What a retry made before lines refused one left behind: the failed line claimed by it.
    await world.app.db.models.transfers.updateOne(
      { _id: lineId },
      { $set: { retriedBy: `transfer:${paused.id}:attempt:2` } },
    );
    world.stripe.setAvailableBalance(100_000);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    await world.drain();
    const after = await waitForRun(world.app, paused.id, ['completed', 'paused']);
    expect(after.status).toBe('completed');
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect(after.progress?.paidLines).toBe(0);
  });
});
