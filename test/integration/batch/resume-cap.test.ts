import { capDayOf } from '../../../src/domain/transfers/daily-cap';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { clickOnRun, runPausedForBalance, waitForRun } from './helpers';

/** What the daily cap counts as approved, all days together. */
async function capUsedIn(world: World): Promise<number> {
  const days = await world.app.db.models.dailyTotals.find().lean();
  return days.reduce((sum, day) => sum + day.approvedCents, 0);
}

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

  const capUsed = () => capUsedIn(world);

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

/**
 * Resume and Cancel decide what to release from the pause they read. If the run was resumed and
 * paused again in between (another person, another replica), their compare-and-set must lose:
 * the later pause's lines and cap are not theirs to give back.
 */
describe('a Resume or Cancel decided on a pause that has since been replaced', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  /** Between the click's read and its compare-and-set, the run is resumed and paused again. */
  function pauseAgainBefore(method: 'resume' | 'cancel', runId: string) {
    const runs = world.app.services.batchDeps.runs;
    const original = runs[method].bind(runs) as (...args: unknown[]) => Promise<unknown>;
    const patched = runs as unknown as Record<string, unknown>;
    const own = patched[method];
    patched[method] = async (...args: unknown[]) => {
      patched[method] = own;
      await world.app.db.models.payoutRuns.updateOne({ _id: runId }, { $inc: { pauseCount: 1 } });
      return original(...args);
    };
  }

  it('Cancel loses and gives nothing back', async () => {
    const { run, paused } = await runPausedForBalance(world, 6, 'S');
    const capBefore = await capUsedIn(world);
    pauseAgainBefore('cancel', run.id);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.cancelBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain(
      'was resumed and paused again while you pressed Cancel; nothing was cancelled',
    );
    expect((await world.app.services.batchDeps.runs.loadHeader(run.id))?.status).toBe('paused');
    const capAfter = await capUsedIn(world);
    expect(capAfter).toBe(capBefore);
  });

  it('Resume loses, keeps nothing reserved, and the next Resume goes through', async () => {
    const { run, paused } = await runPausedForBalance(world, 6, 'T');
    const capBefore = await capUsedIn(world);
    world.stripe.setAvailableBalance(1_000_000);
    pauseAgainBefore('resume', run.id);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain(
      'and paused again while you pressed Resume; nothing was changed',
    );
    expect((await world.app.services.batchDeps.runs.loadHeader(run.id))?.status).toBe('paused');
    const capAfter = await capUsedIn(world);
    expect(capAfter).toBe(capBefore);

    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    await waitForRun(world.app, run.id, ['completed']);
    await world.drain();
    expect(world.stripe.listTransfers()).toHaveLength(6);
    expect(await capUsedIn(world)).toBe(12_000);
  });
});
