import { freePort } from '../../../src/db/peers/free-port';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { FINANCE, TEST_SECRETS } from '../../support/config';
import { connectTestDatabase } from '../../support/database';
import { startTestPaydesk, type TestPaydesk } from '../../support/paydesk';
import { startWorld, type World } from '../../support/world';
import { approve, requestRun, resultsCsvOf, type SeededWriter, seedWriters, waitForRun } from './helpers';

const LINES = 1000;
const KILL_AT = 400;

/**
 * The replica driving a run dies right after Stripe answered its 400th transfer and before that
 * answer was saved (the worst moment: money moved, the database doesn't know). Simulated in
 * process: the runner's kill switch makes it drop that answer and write nothing more, then the
 * replica is stopped. A new replica on the same database resumes the run at start-up.
 */
describe('a payout run killed at line ~400 and resumed by a new replica', () => {
  let world: World;
  let writers: SeededWriter[];
  let run: PayoutRunHeader;
  let successor: TestPaydesk;
  const amountOf = (i: number) => ((i % 97) + 1) * 100;

  beforeAll(async () => {
    // A faster pace than the default: the pacing itself is measured in thousand-lines.test.ts.
    world = await startWorld({
      env: { STRIPE_RATE_LIMIT_PER_SECOND: '200', DAILY_TRANSFER_CAP_CENTS: '100000000' },
    });
    writers = await seedWriters(world, LINES);
    world.stripe.setAvailableBalance(100_000_000);
  }, 120_000);
  afterAll(() => world.stop());

  it('pays 1,000 transfers in total, none twice', async () => {
    const csv = ['writer,amount', ...writers.map((w, i) => `${w.email},${amountOf(i) / 100}`)].join('\n');
    ({ run } = await requestRun(world.app, world, csv));
    const doomed = world.apps[0] as TestPaydesk;
    // A dead process gets no webhooks; Stripe delivers them later, to whoever is up then.
    world.stripe.setAutoDeliver(false);
    doomed.services.batchDeps.control.killAfterStripeTransfers(KILL_AT);
    expect(run.requiredApprovals).toBe(2);
    await approve(world, run, FINANCE.two);
    await approve(world, run, FINANCE.three);
    const deadline = Date.now() + 60_000;
    while (!doomed.services.batchDeps.control.killed) {
      if (Date.now() > deadline) throw new Error('the runner never reached the kill point');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await doomed.stop();

    const models = doomed.db.models;
    const atStripe = world.stripe.listTransfers().length;
    const paidInDb = await models.transfers.countDocuments({ batchId: run.id, status: 'paid' });
    const inFlight = await models.transfers.countDocuments({
      batchId: run.id,
      status: { $in: ['approved', 'submitting'] },
    });
    console.log(
      `killed: ${atStripe} transfers at Stripe, ${paidInDb} recorded paid, ${inFlight} left approved/submitting`,
    );
    expect(atStripe).toBeGreaterThanOrEqual(KILL_AT);
    expect(atStripe).toBeLessThan(LINES);
    // At least the 400th was made at Stripe and never recorded.
    expect(paidInDb).toBeLessThan(atStripe);
    expect(inFlight).toBeGreaterThan(0);
    const stuck = await world.app.services.batchDeps.runs.loadHeader(run.id);
    expect(stuck?.status).toBe('running');
    expect(stuck?.lease.holder).toBe(doomed.services.batchDeps.control.instanceId);

    // The dead holder's lease would run out by itself within 30 s; don't make the suite wait.
    await models.payoutRuns.updateOne(
      { _id: run.id },
      { $set: { 'lease.expiresAt': new Date(Date.now() - 1) } },
    );

    const port = await freePort();
    successor = await startTestPaydesk({
      db: await connectTestDatabase(doomed.db.connection.name),
      port,
      env: { ...world.replicaEnv, PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    world.apps.push(successor);
    world.dbs.push(successor.db);
    world.stripe.setWebhookEndpoint({
      url: `${successor.url}/stripe/webhooks`,
      secret: TEST_SECRETS.stripeWebhookSecret,
      connectSecret: TEST_SECRETS.stripeConnectWebhookSecret,
    });
    world.stripe.setAutoDeliver(true);
    // Nobody calls resume here: the successor's start-up does.
    const done = await waitForRun(successor, run.id, ['completed'], 120_000);
    // Stripe's late deliveries of the dead replica's webhooks change nothing.
    await world.stripe.deliverPendingEvents();
    await world.drain();

    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(LINES);
    expect(new Set(transfers.map((t) => t.destination)).size).toBe(LINES);
    const expected = new Map(writers.map((w, i) => [w.stripeAccountId, amountOf(i)]));
    for (const transfer of transfers)
      expect(transfer.amount).toBe(expected.get(transfer.destination as string));
    // Lines re-driven after the crash reused their key: Stripe replayed instead of paying again.
    const created = world.stripe
      .requestLog()
      .filter(
        (entry) =>
          entry.method === 'POST' &&
          entry.path === '/v1/transfers' &&
          entry.status === 200 &&
          !entry.replayed,
      );
    expect(created).toHaveLength(LINES);
    expect(new Set(created.map((entry) => entry.idempotencyKey)).size).toBe(LINES);

    const docs = await successor.db.models.transfers.find({ batchId: run.id }).lean();
    expect(docs).toHaveLength(LINES);
    expect(new Set(docs.map((doc) => doc.line)).size).toBe(LINES);
    expect(docs.every((doc) => doc.status === 'paid' && doc.attempt === 1)).toBe(true);
    expect(new Set(docs.map((doc) => doc.stripeTransferId))).toEqual(new Set(transfers.map((t) => t.id)));

    const rows = resultsCsvOf(world, done);
    expect(rows.filter((row) => row.status === 'paid')).toHaveLength(LINES);
    expect(done.progress).toMatchObject({ paidLines: LINES, failedLines: 0, openLines: 0 });
    expect((await successor.db.models.dailyTotals.findOne().lean())?.approvedCents).toBe(run.amountCents);
  }, 240_000);
});
