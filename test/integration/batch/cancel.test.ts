import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import {
  approve,
  clickOnRun,
  requestRun,
  runMessageText,
  runPausedForBalance,
  seedWriters,
  waitForRun,
} from './helpers';

/** Cancel a paused run: nothing more is paid, and the cap its unsent lines held is given back. */
describe('cancelling a payout run', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  const capUsed = async () => (await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents ?? 0;

  it('cancels a run paused for balance: no further line is paid, the unpaid lines release the cap', async () => {
    const { run, paused } = await runPausedForBalance(world, 20, 'C');
    expect(paused.pause?.reason).toBe('balance_insufficient');
    const paidBefore = world.stripe.listTransfers();
    expect(paidBefore).toHaveLength(2);
    const paidCents = paidBefore.reduce((sum, transfer) => sum + transfer.amount, 0);
    // Lines never sent still hold their share of the cap the approval reserved.
    const capBefore = await capUsed();
    expect(capBefore).toBeGreaterThan(paidCents);
    expect(runMessageText(world, paused)).toContain('[Resume] [Cancel run] [View lines]');

    await clickOnRun(world, paused, FINANCE.three, ACTIONS.cancelBatch);
    await world.drain();
    const canceled = await world.app.services.batchDeps.runs.loadHeader(run.id);
    expect(canceled?.status).toBe('canceled');
    expect(canceled?.cancellation).toMatchObject({ userId: FINANCE.three, unpaidLines: 18 });
    expect(await capUsed()).toBe(paidCents);
    const message = runMessageText(world, canceled ?? paused);
    expect(message).toContain(`Cancelled by @${FINANCE.three}`);
    expect(message).toContain('18 lines will not be paid');
    expect(message).not.toContain('[Resume]');
    const audit = await world.app.db.models.auditEvents.findOne({ action: 'batch.canceled' }).lean();
    expect(audit?.details).toMatchObject({ unpaidLines: 18, releasedCents: capBefore - paidCents });

    // Money arrives, someone presses Resume on the old message, the watch looks again: nothing moves.
    world.stripe.setAvailableBalance(1_000_000);
    await clickOnRun(world, paused, FINANCE.two, ACTIONS.resumeBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain(
      'is cancelled, so there is nothing to resume',
    );
    await world.app.services.batchDeps.control.idle();
    expect(world.stripe.listTransfers()).toHaveLength(2);
    await clickOnRun(world, paused, FINANCE.two, ACTIONS.cancelBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain('already cancelled');
    expect(await capUsed()).toBe(paidCents);
  });

  it('refuses to cancel a run that is not paused or waiting', async () => {
    const [writer] = await seedWriters(world, 1, 'D');
    world.stripe.setAvailableBalance(100_000);
    const { run } = await requestRun(world.app, world, `writer,amount\n${writer?.email},5.00`);
    await approve(world, run);
    const done = await waitForRun(world.app, run.id, ['completed']);
    await clickOnRun(world, done, FINANCE.two, ACTIONS.cancelBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain(
      'is completed, so there is nothing to cancel',
    );
  });
});
