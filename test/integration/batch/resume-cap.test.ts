import { capDayOf } from '../../../src/domain/transfers/daily-cap';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { clickOnRun, runPausedForBalance, waitForRun } from './helpers';

/**
 * A Resume reserves the daily cap for the lines it plans to try again. When the run pauses again
 * before it tried some of them, the next Resume plans them anew: the share the earlier Resume
 * reserved for them is given back, so the cap ends up counting what was paid, once.
 */
describe('resuming a payout run twice', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  const capUsed = async () =>
    (await world.app.db.models.dailyTotals.find().lean()).reduce((sum, day) => sum + day.approvedCents, 0);

  it('gives back what the earlier Resume reserved for lines it never tried', async () => {
    const { run, paused } = await runPausedForBalance(world, 8, 'R');
    const attempts = await world.app.db.models.transfers.find({ batchId: run.id }).lean();
    const failed = attempts.filter((attempt) => attempt.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);

    // What a Resume leaves when the run pauses again before trying its planned lines: each failed
    // line planned for attempt 2, and its share of the cap reserved on the Resume's day.
    const earlierResume = new Date(Date.now() - 60_000);
    const planned = failed.map((attempt) => ({ line: attempt.line, attempt: attempt.attempt + 1 }));
    await world.app.db.models.payoutRuns.updateOne(
      { _id: run.id },
      { $set: { resumedAt: earlierResume, resumedBy: FINANCE.one, retryPlan: planned } },
    );
    const plannedCents = failed.reduce((sum, attempt) => sum + attempt.amountCents, 0);
    const deps = world.app.services.batchDeps;
    expect(
      await deps.dailyTotals.reserve(
        capDayOf(earlierResume),
        plannedCents,
        deps.policy.dailyTransferCapCents,
      ),
    ).toBe(true);

    world.stripe.setAvailableBalance(1_000_000);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    await waitForRun(world.app, run.id, ['completed']);
    await world.drain();

    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(8);
    const paidCents = transfers.reduce((sum, transfer) => sum + transfer.amount, 0);
    expect(paidCents).toBe(16_000);
    expect(await capUsed()).toBe(paidCents);
    const resumed = await world.app.db.models.auditEvents.findOne({ action: 'batch.resumed' }).lean();
    expect(resumed?.details).toMatchObject({
      retryCents: plannedCents,
      releasedFromLastResume: [{ day: capDayOf(earlierResume), cents: plannedCents }],
    });
  });
});
