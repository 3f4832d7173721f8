import { addDays, addMinutes, format } from 'date-fns';
import { expireStaleRuns } from '../../../src/domain/batch/expire-runs';
import { startRunWatch } from '../../../src/domain/batch/resume-run';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { approve, clickOnRun, requestRun, runMessageText, seedWriters, waitForRun } from './helpers';

const EXPIRY_DAYS = 7;

describe('payout runs: expiry and the writers re-check at approval', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-30T12:00:00Z');
    world = await startWorld({
      clock: () => now,
      env: { DUAL_APPROVAL_ABOVE_CENTS: '100000', REQUEST_EXPIRY_DAYS: String(EXPIRY_DAYS) },
    });
    world.stripe.setAvailableBalance(10_000_000);
  });
  afterEach(() => world.stop());

  const deps = () => world.app.services.batchDeps;
  const status = async (id: string) => (await deps().runs.loadHeader(id))?.status;
  const lastEphemeral = (userId: string) => world.slack.ephemerals(userId).at(-1)?.text ?? '';
  const capUsed = async () => (await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents ?? 0;
  const auditActions = async (ref: string) =>
    (await world.app.db.models.auditEvents.find({ 'subject.id': ref }).lean()).map((e) => e.action);

  it('expires runs nobody decided on in time, once, with the message updated; a later Approve pays nothing', async () => {
    const writers = await seedWriters(world, 3);
    const single = (await requestRun(world.app, world, `writer,amount\n${writers[0]?.email},5`)).run;
    const dual = (
      await requestRun(
        world.app,
        world,
        ['writer,amount', ...writers.map((w) => `${w.email},600`)].join('\n'),
      )
    ).run;
    expect(dual.requiredApprovals).toBe(2);
    await approve(world, dual, FINANCE.two);
    await world.drain();
    expect(runMessageText(world, dual)).toContain('waiting for one more');

    // Six days on: nothing is due yet. A new run is requested then.
    now = addDays(now, EXPIRY_DAYS - 1);
    expect(await expireStaleRuns(deps())).toEqual([]);
    const fresh = (await requestRun(world.app, world, `writer,amount\n${writers[1]?.email},7`)).run;

    // A minute past the expiry of the first two: the run watch (every replica, every lease
    // period) expires them; the fresh one is untouched.
    now = addMinutes(addDays(now, 1), 1);
    startRunWatch(deps());
    await world.drain();
    expect(await status(single.id)).toBe('expired');
    expect(await status(dual.id)).toBe('expired');
    expect(await status(fresh.id)).toBe('requested');
    const expired = await deps().runs.loadHeader(single.id);
    expect(expired?.decidedAt?.getTime()).toBe(now.getTime());

    for (const run of [single, dual]) {
      const text = runMessageText(world, run);
      expect(text).toContain(`Payout run ${run.ref} · expired`);
      expect(text).toMatch(/Expired .* without a decision/);
      expect(text).toContain('Nothing was paid');
      expect(text).toContain('/payouts batch');
      expect(text).not.toContain('[Approve]');
      expect(text).not.toContain('[Reject]');
      expect(await auditActions(run.ref)).toContain('batch.expired');
    }
    expect(runMessageText(world, dual)).toContain('it still needed one more approval');
    expect(runMessageText(world, fresh)).toContain('[Approve] [Reject]');

    // Another pass (another replica) changes nothing: the compare-and-set already moved them.
    expect(await expireStaleRuns(deps())).toEqual([]);
    const expiries = await world.app.db.models.auditEvents.find({ action: 'batch.expired' }).lean();
    expect(expiries.map((e) => e.subject.id).sort()).toEqual([single.ref, dual.ref].sort());
    expect((await world.app.services.audit.verify()).firstBreak).toBeUndefined();

    // A stale client still shows the buttons: Approve is refused and says why.
    await approve(world, single, FINANCE.two);
    await approve(world, dual, FINANCE.three);
    await world.drain();
    for (const [user, run] of [
      [FINANCE.two, single],
      [FINANCE.three, dual],
    ] as const) {
      expect(lastEphemeral(user)).toContain(`${run.ref} expired on ${format(now, 'EEE, MMM d')}`);
      expect(lastEphemeral(user)).toContain(`within ${EXPIRY_DAYS} days of its request`);
      expect(lastEphemeral(user)).toContain('upload it again with `/payouts batch`');
    }
    await clickOnRun(world, single, FINANCE.three, ACTIONS.rejectBatch);
    await world.drain();
    expect(lastEphemeral(FINANCE.three)).toContain(`${single.ref} expired`);
    expect(await status(single.id)).toBe('expired');
    expect(await status(dual.id)).toBe('expired');
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect(await capUsed()).toBe(0);

    // The run within the window is approved and paid as usual.
    await approve(world, fresh, FINANCE.two);
    await waitForRun(world.app, fresh.id, ['completed']);
    expect(world.stripe.listTransfers().map((t) => t.amount)).toEqual([700]);
  });

  it('refuses the approval when a writer disconnected, was restricted or changed accounts since the request', async () => {
    const writers = await seedWriters(world, 5);
    const [ok, gone, restricted, moved, fine] = writers;
    const { run } = await requestRun(
      world.app,
      world,
      ['writer,amount', ...writers.map((w) => `${w.slackUserId},20`)].join('\n'),
    );
    expect(run.lineCount).toBe(5);

    world.stripe.deauthorizeAccount(gone?.stripeAccountId as string);
    world.stripe.restrictAccount(restricted?.stripeAccountId as string, ['external_account']);
    await world.drain();
    // The writer connected another Express account since (a re-invite after a deauthorization).
    const other = world.stripe.createConnectedAccount({ email: moved?.email, activate: true });
    await world.app.db.models.writers.updateOne(
      { slackUserId: moved?.slackUserId },
      { $set: { stripeAccountId: other.id } },
    );
    const stored = await world.app.db.models.writers.find().lean();
    expect(stored.find((w) => w.slackUserId === gone?.slackUserId)?.status).toBe('deauthorized');
    expect(stored.find((w) => w.slackUserId === restricted?.slackUserId)?.status).toBe('restricted');

    await approve(world, run, FINANCE.two);
    await world.drain();
    const refusal = lastEphemeral(FINANCE.two);
    expect(refusal).toContain(`Can't approve ${run.ref}: 3 lines can no longer be paid as requested`);
    expect(refusal).toContain(`line 3: <@${gone?.slackUserId}> disconnected their Stripe account`);
    expect(refusal).toContain(
      `line 4: Stripe restricted <@${restricted?.slackUserId}>'s account until they provide: external_account`,
    );
    expect(refusal).toContain(
      `line 5: <@${moved?.slackUserId}> is on a different Stripe account than when the run was requested`,
    );
    expect(refusal).not.toContain(`<@${ok?.slackUserId}>`);
    expect(refusal).not.toContain(`<@${fine?.slackUserId}>`);
    expect(refusal).toContain('Nothing was changed and nothing was paid');
    expect(refusal).toContain('Reject it and upload a corrected run with `/payouts batch`');

    const after = await deps().runs.loadHeader(run.id);
    expect(after?.status).toBe('requested');
    expect(after?.approvals).toEqual([]);
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect(await world.app.db.models.transfers.countDocuments({ batchId: run.id })).toBe(0);
    expect(await capUsed()).toBe(0);
    expect(await auditActions(run.ref)).not.toContain('batch.approved');
    expect(runMessageText(world, run)).toContain('[Approve] [Reject]');

    // A run of writers who are all still fine is approved and paid.
    const good = (await requestRun(world.app, world, `writer,amount\n${ok?.email},20\n${fine?.email},30`))
      .run;
    await approve(world, good, FINANCE.two);
    await waitForRun(world.app, good.id, ['completed']);
    expect(
      world.stripe
        .listTransfers()
        .map((t) => t.amount)
        .sort((a, b) => a - b),
    ).toEqual([2000, 3000]);
    expect(await capUsed()).toBe(5000);
  });

  it('tells the first of two approvers early, and names at most ten lines', async () => {
    const writers = await seedWriters(world, 12);
    const { run } = await requestRun(
      world.app,
      world,
      ['writer,amount', ...writers.map((w) => `${w.email},100`)].join('\n'),
    );
    expect(run.requiredApprovals).toBe(2);
    await world.app.db.models.writers.updateMany({}, { $set: { status: 'deauthorized' } });

    await approve(world, run, FINANCE.two);
    await world.drain();
    const refusal = lastEphemeral(FINANCE.two);
    expect(refusal).toContain(`Can't approve ${run.ref}: 12 lines can no longer be paid`);
    expect(refusal.match(/^• line /gm)).toHaveLength(10);
    expect(refusal).toContain('• line 11:');
    expect(refusal).not.toContain('• line 12:');
    expect(refusal).toContain('…and 2 more.');
    const after = await deps().runs.loadHeader(run.id);
    expect(after?.status).toBe('requested');
    expect(after?.approvals).toEqual([]);
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect(await capUsed()).toBe(0);
  });
});
