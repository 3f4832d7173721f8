import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import {
  approve,
  clickOnRun,
  requestRun,
  runMessageText,
  type SeededWriter,
  seedWriters,
  waitForRun,
} from '../batch/helpers';

/** Cancel on a payout run's message while it waits for approval (issue 17), guarded like every button. */
describe('cancelling a payout run that waits for approval', () => {
  let world: World;
  let writers: SeededWriter[];
  beforeEach(async () => {
    world = await startWorld();
    writers = await seedWriters(world, 2, 'K');
    world.stripe.setAvailableBalance(100_000);
  });
  afterEach(() => world.stop());

  const csv = () => ['writer,amount', ...writers.map((w) => `${w.email},3.00`)].join('\n');
  const lastAnswer = (userId: string) => world.slack.ephemerals(userId).at(-1)?.text ?? '';
  const capUsed = async () => (await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents ?? 0;

  it('the requester cancels it from the message: nothing is paid or reserved, and it can no longer be approved', async () => {
    const { run } = await requestRun(world.app, world, csv());
    await world.drain();
    expect(runMessageText(world, run)).toContain('[Approve] [Reject] [Cancel run] [View lines]');

    await clickOnRun(world, run, OUTSIDER, ACTIONS.cancelBatch);
    await world.drain();
    expect(lastAnswer(OUTSIDER)).toContain('Only the finance team');
    expect((await world.app.services.batchDeps.runs.loadHeader(run.id))?.status).toBe('requested');

    await clickOnRun(world, run, FINANCE.one, ACTIONS.cancelBatch);
    await world.drain();
    const canceled = await world.app.services.batchDeps.runs.loadHeader(run.id);
    expect(canceled?.status).toBe('canceled');
    const text = runMessageText(world, run);
    expect(text).toContain(`Cancelled by @${FINANCE.one}`);
    expect(text).toContain('2 lines will not be paid. Nothing was paid.');
    expect(text).not.toContain('[Approve]');
    expect(text).not.toContain('[Cancel run]');
    const audit = await world.app.db.models.auditEvents.findOne({ action: 'batch.canceled' }).lean();
    expect(audit?.details).toMatchObject({ from: 'requested', unpaidLines: 2, releasedCents: 0 });

    // A stale Approve finds it cancelled; nothing moves and nothing is reserved.
    await approve(world, run);
    await world.drain();
    expect(lastAnswer(FINANCE.two)).toMatch(/^PR-\d{4} was cancelled, so there is nothing to approve\.$/);
    await world.app.services.batchDeps.control.idle();
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect(await capUsed()).toBe(0);
  });

  it('a Cancel and an Approve at the same moment settle on one of them', async () => {
    const { run } = await requestRun(world.app, world, csv());
    await world.drain();
    await Promise.all([
      clickOnRun(world, run, FINANCE.three, ACTIONS.cancelBatch),
      approve(world, run, FINANCE.two, 0),
    ]);
    await world.drain();
    const settled = await waitForRun(world.app, run.id, ['canceled', 'completed']);
    await world.drain();
    if (settled.status === 'canceled') {
      expect(world.stripe.listTransfers()).toHaveLength(0);
      expect(await capUsed()).toBe(0);
    } else {
      expect(world.stripe.listTransfers()).toHaveLength(2);
      expect(lastAnswer(FINANCE.three)).toMatch(/can be cancelled once it pauses|nothing to cancel/);
    }
  });

  it('is refused while lines sent to Stripe have no known outcome, and the run finishes them on Resume', async () => {
    world.stripe.setAutoDeliver(false); // no transfer.created webhook settles the line behind the test's back
    world.app.services.batchDeps.policy.unknownOutcomeRetries = 0;
    // Stripe makes the first line's transfer, but every answer is lost: the line stays unconfirmed.
    world.stripe.failNext(3, 'commit-then-500', { method: 'POST', path: /^\/v1\/transfers$/ });
    // One line, so the lost answers all belong to it (lines are sent side by side).
    const { run } = await requestRun(world.app, world, `writer,amount\n${writers[0]?.email},3.00`);
    await approve(world, run);
    const paused = await waitForRun(world.app, run.id, ['paused']);
    expect(paused.pause?.reason).toBe('stripe_unavailable');
    expect(await world.app.db.models.transfers.countDocuments({ status: 'submitting' })).toBe(1);

    await clickOnRun(world, paused, FINANCE.three, ACTIONS.cancelBatch);
    await world.drain();
    expect(lastAnswer(FINANCE.three)).toMatch(
      /^Can't cancel PR-\d{4} yet: Stripe hasn't confirmed 1 of its lines \(line 2\), which may already be paid\. Press Resume to finish them, then cancel\. Nothing was changed\.$/,
    );
    expect((await world.app.services.batchDeps.runs.loadHeader(run.id))?.status).toBe('paused');

    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    const completed = await waitForRun(world.app, run.id, ['completed']);
    // Paid once: the Resume asked again with the same key and Stripe answered with the first transfer.
    expect(completed.progress?.paidLines).toBe(1);
    expect(world.stripe.listTransfers()).toHaveLength(1);
  });
});
