import { addHours, addSeconds } from 'date-fns';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { approve, clickOnRun, requestRun, seedWriters, waitForRun } from '../batch/helpers';

/**
 * Stripe forgets an idempotency key after 24 hours. A request whose answer was lost and that is
 * recovered a day later must be looked up at Stripe, not created again: the simulator forgets
 * keys on its clock exactly as Stripe does, so a blind re-send here would pay twice.
 */
/** stripe-node tries three times (maxNetworkRetries 2); Stripe does the work and every answer is lost. */
const LOST_TRIES = 3;

describe('recovery after Stripe forgot the idempotency key', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-30T15:00:00Z');
    world = await startWorld({ clock: () => now });
    world.stripe.setAvailableBalance(1_000_000);
    await seedConnectedWriter(world, WRITER);
    // The webhooks that would have told Paydesk are lost too: only a lookup at Stripe can.
    world.stripe.setAutoDeliver(false);
  });
  afterEach(() => world.stop());

  const reconcile = () => {
    const { topupDeps, transferDeps } = world.app.services;
    return reconcileOnce({ topups: topupDeps, transfers: transferDeps }, now);
  };

  it('a top-up whose answer was lost is found, not created again, 25 hours later', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '500 lost answer');
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /^\/v1\/topups$/ });
    await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('submitting');

    now = addHours(now, 25);
    const report = await reconcile();
    await world.drain();
    expect(report.resubmitted).toEqual(['TU-0001']);
    const atStripe = world.stripe.listTopups();
    expect(atStripe).toHaveLength(1);
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored?.status).toBe('pending');
    expect(stored?.stripeTopupId).toBe(atStripe[0]?.id);
  });

  it('a transfer whose answer was lost is found by its group, not paid again, 25 hours later', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers`);
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /^\/v1\/transfers$/ });
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    expect(world.stripe.listTransfers()).toHaveLength(1);

    now = addHours(now, 25);
    const report = await reconcile();
    await world.drain();
    expect(report.resubmitted).toEqual(['TR-0001']);
    expect(world.stripe.listTransfers()).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored?.status).toBe('paid');
    expect(stored?.stripeTransferId).toBe(world.stripe.listTransfers()[0]?.id);
  });

  it('a reversal whose answer was lost is found on the transfer, not reversed again, 25 hours later', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    await click(world, FINANCE.one, ACTIONS.reverseTransfer, ts);
    const modal = world.slack.views().at(-1);
    await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: modal?.id,
      values: { amount: { amount_input: '4.00' }, reason: { reason_input: 'Paid twice' } },
    });
    await world.drain();
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /\/reversals$/ });
    await click(world, FINANCE.two, ACTIONS.approveReversal, ts);
    const reversalsAtStripe = () => world.stripe.listTransfers()[0]?.reversals.data ?? [];
    expect(reversalsAtStripe()).toHaveLength(1);

    now = addHours(now, 25);
    const report = await reconcile();
    await world.drain();
    expect(report.reversals).toEqual(['TR-0001']);
    expect(reversalsAtStripe()).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored?.amountReversedCents).toBe(400);
    expect(stored?.reversals).toHaveLength(1);
    expect(stored?.reversalRequest).toBeNull();
  });

  it("a payout-run line whose answer was lost is found in the run's group on Resume, not paid again, 25 hours later", async () => {
    const [writer] = await seedWriters(world, 1);
    world.stripe.setAutoDeliver(false); // seedWriters turns delivery back on
    const { run } = await requestRun(world.app, world, `writer,amount,memo\n${writer?.email},12.34,May`);
    // The run gives up on the line after one drive (three lost tries) and pauses for Stripe.
    world.app.services.batchDeps.policy.unknownOutcomeRetries = 0;
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /^\/v1\/transfers$/ });
    await approve(world, run);
    const paused = await waitForRun(world.app, run.id, ['paused']);
    expect(paused.pause?.reason).toBe('stripe_unavailable');
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect((await world.app.db.models.transfers.findOne().lean())?.status).toBe('submitting');

    now = addHours(now, 25);
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    const completed = await waitForRun(world.app, run.id, ['completed']);
    await world.drain();
    expect(completed.progress?.paidLines).toBe(1);
    const atStripe = world.stripe.listTransfers();
    expect(atStripe).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored).toMatchObject({ status: 'paid', stripeTransferId: atStripe[0]?.id });
  });

  it('leaves a live submission alone until it has had its time, then finishes it', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '500 slow');
    world.stripe.failNext(LOST_TRIES, 'commit-then-500', { method: 'POST', path: /^\/v1\/topups$/ });
    await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
    const calls = () => world.stripe.countRequests({ method: 'POST', path: '/v1/topups' });
    const before = calls();

    now = addSeconds(now, 5);
    expect((await reconcile()).resubmitted).toEqual([]);
    expect(calls()).toBe(before);

    now = addSeconds(now, world.app.services.topupDeps.submissionTimeoutMs / 1000);
    expect((await reconcile()).resubmitted).toEqual(['TU-0001']);
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.slack.messages(FINANCE_CHANNEL).length).toBeGreaterThan(0);
  });
});
