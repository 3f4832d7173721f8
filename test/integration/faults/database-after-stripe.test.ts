import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addSeconds } from 'date-fns';
import { freePort } from '../../../src/db/peers/free-port';
import { type MongoPeer, startMongoPeer } from '../../../src/db/peers/mongo-peer';
import { resumeRuns } from '../../../src/domain/batch/resume-run';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { approve as approveRun, requestRun, seedWriters, waitForRun } from '../batch/helpers';

const STRIPE_LATENCY_MS = 1500;

/**
 * The database stops while Stripe is working on a money call, so Stripe moves the money and
 * Paydesk cannot record it. Nobody may be told "nothing was changed" (asking again would pay
 * twice); after the restart the reconciler (or the run) finishes it, once, and the audit trail
 * has every step, the approval included.
 */
describe('the database stops right after the Stripe call', () => {
  let world: World;
  let peer: MongoPeer;
  let dataFile: string;
  let port: number;
  let now: Date;

  beforeEach(async () => {
    dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'paydesk-after-stripe-')), 'paydesk.mv.db');
    port = await freePort();
    peer = await startMongoPeer({ skipMongod: true, dataFile, port });
    now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({ mongodbUri: peer.uri, clock: () => now });
    world.stripe.setAvailableBalance(1_000_000);
    await seedConnectedWriter(world, WRITER);
    // Stripe's webhooks would tell Paydesk too; without them only the reconciler can.
    world.stripe.setAutoDeliver(false);
  });
  afterEach(async () => {
    await world.stop();
    await peer.stop();
  });

  /** Clicks, and stops the database as soon as Stripe has the money call (Stripe is slow on purpose). */
  async function clickWhileDatabaseDies(userId: string, actionId: string, ts: string, path: RegExp) {
    const calls = () =>
      world.stripe.requestLog().filter((e) => e.method === 'POST' && path.test(e.path)).length;
    const before = calls();
    const answers = world.slack.ephemerals(userId).length;
    world.stripe.setLatency(STRIPE_LATENCY_MS);
    await world.send.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs: ts });
    await world.slack.waitFor(() => calls() > before || undefined, { timeoutMs: 10_000, intervalMs: 5 });
    await peer.stop();
    const text = await world.slack.waitFor(
      (sim) => (sim.ephemerals(userId).length > answers ? sim.ephemerals(userId).at(-1)?.text : undefined),
      { timeoutMs: 15_000, intervalMs: 20 },
    );
    world.stripe.setLatency(0);
    return text;
  }

  async function restart() {
    peer = await startMongoPeer({ skipMongod: true, dataFile, port });
    await world.slack.waitFor(
      async () => (await fetch(`${world.app.url}/readyz`)).status === 200 || undefined,
      {
        timeoutMs: 20_000,
      },
    );
    now = addSeconds(now, 600);
  }

  const reconcile = async () => {
    const report = await reconcileOnce({
      topups: world.app.services.topupDeps,
      transfers: world.app.services.transferDeps,
    });
    await world.drain();
    return report;
  };

  async function auditActions(ref: string): Promise<string[]> {
    const entries = await world.app.db.models.auditEvents.find({ 'subject.id': ref }).sort({ seq: 1 }).lean();
    return entries.map((entry) => entry.action);
  }

  function expectToldStripeHasIt(text: string, ref: string) {
    expect(text).not.toMatch(/nothing was changed/i);
    expect(text).toContain(`Stripe has ${ref}`);
    expect(text).toContain("Don't ask for it again");
  }

  it('a top-up: "Stripe has it", then recorded once after the restart, approval audited', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '500 before the outage');
    const text = await clickWhileDatabaseDies(FINANCE.two, ACTIONS.approveTopup, ts, /^\/v1\/topups$/);
    expectToldStripeHasIt(text, 'TU-0001');
    await restart();
    expect((await reconcile()).resubmitted).toEqual(['TU-0001']);
    expect(world.stripe.listTopups()).toHaveLength(1);
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored).toMatchObject({ status: 'pending', stripeTopupId: world.stripe.listTopups()[0]?.id });
    expect(await auditActions('TU-0001')).toEqual(['topup.requested', 'topup.approved', 'topup.submitted']);
  });

  it('a transfer: "Stripe has it", then paid once after the restart, approval audited', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers`);
    const text = await clickWhileDatabaseDies(FINANCE.two, ACTIONS.approveTransfer, ts, /^\/v1\/transfers$/);
    expectToldStripeHasIt(text, 'TR-0001');
    await restart();
    expect((await reconcile()).resubmitted).toEqual(['TR-0001']);
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect((await world.app.db.models.transfers.findOne().lean())?.status).toBe('paid');
    expect(await auditActions('TR-0001')).toEqual([
      'transfer.requested',
      'transfer.approved',
      'transfer.paid',
    ]);
  });

  it('a reversal: "Stripe has it", then recorded once after the restart, approval audited', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers`);
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTransfer,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    await world.send.blockAction({
      userId: FINANCE.one,
      actionId: ACTIONS.reverseTransfer,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: world.slack.views().at(-1)?.id,
      values: { amount: { amount_input: '4.00' }, reason: { reason_input: 'Paid twice' } },
    });
    await world.drain();
    const text = await clickWhileDatabaseDies(FINANCE.two, ACTIONS.approveReversal, ts, /\/reversals$/);
    expectToldStripeHasIt(text, 'TR-0001');
    await restart();
    expect((await reconcile()).reversals).toEqual(['TR-0001']);
    expect(world.stripe.listTransfers()[0]?.reversals.data).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored).toMatchObject({ amountReversedCents: 400, reversalRequest: null });
    expect(await auditActions('TR-0001')).toEqual(
      expect.arrayContaining([
        'transfer.reversal_requested',
        'transfer.reversal_approved',
        'transfer.reversed',
      ]),
    );
  });

  it('a payout-run line: the run finishes it once after the restart', async () => {
    const [writer] = await seedWriters(world, 1);
    world.stripe.setAutoDeliver(false);
    const { run } = await requestRun(world.app, world, `writer,amount,memo\n${writer?.email},12.34,May`);
    world.stripe.setLatency(STRIPE_LATENCY_MS);
    await approveRun(world, run);
    await world.slack.waitFor(
      () =>
        world.stripe.requestLog().some((e) => e.method === 'POST' && e.path === '/v1/transfers') || undefined,
      { timeoutMs: 10_000, intervalMs: 5 },
    );
    await peer.stop();
    await new Promise((resolve) => setTimeout(resolve, STRIPE_LATENCY_MS + 2000));
    world.stripe.setLatency(0);
    await restart();
    await resumeRuns(world.app.services.batchDeps);
    const completed = await waitForRun(world.app, run.id, ['completed']);
    expect(completed.progress?.paidLines).toBe(1);
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect(await auditActions(run.ref)).toEqual(
      expect.arrayContaining(['batch.requested', 'batch.approved', 'batch.line_paid', 'batch.completed']),
    );
  });
});

describe('an approval whose audit entry cannot be written', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({ clock: () => now });
  });
  afterEach(() => world.stop());

  it('stands, says so, and the reconciler writes the entry from the stored approval, then sends it', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '500 audit hiccup');
    const audit = world.app.services.topupDeps.audit;
    const append = audit.append.bind(audit);
    let failed = false;
    audit.append = (fact) => {
      if (!failed && fact.action === 'topup.approved') {
        failed = true;
        return Promise.reject(new Error('database write failed'));
      }
      return append(fact);
    };
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    const text = world.slack.ephemerals(FINANCE.two).at(-1)?.text ?? '';
    expect(text).toContain('Your approval of TU-0001 is saved');
    expect(text).not.toMatch(/nothing was changed/i);
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('approved');

    now = addSeconds(now, 120);
    const report = await reconcileOnce({
      topups: world.app.services.topupDeps,
      transfers: world.app.services.transferDeps,
    });
    await world.drain();
    expect(report.approvalsAudited).toEqual(['TU-0001']);
    expect(world.stripe.listTopups()).toHaveLength(1);
    const entries = await world.app.db.models.auditEvents
      .find({ 'subject.id': 'TU-0001' })
      .sort({ seq: 1 })
      .lean();
    const approved = entries.find((entry) => entry.action === 'topup.approved');
    expect(approved).toMatchObject({
      actor: { kind: 'slack', userId: FINANCE.two },
      details: { recovered: true, approvals: 1, requiredApprovals: 1 },
    });
    // Written once: the next pass finds nothing left to write.
    expect(
      (
        await reconcileOnce({
          topups: world.app.services.topupDeps,
          transfers: world.app.services.transferDeps,
        })
      ).approvalsAudited,
    ).toEqual([]);
  });
});
