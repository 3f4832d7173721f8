import { renderMessageText } from '../../../sandbox/slack';
import type { SimulatedTransfer } from '../../../sandbox/stripe';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import {
  approve,
  expectedShare,
  type ResultRow,
  requestRun,
  resultsCsvOf,
  runMessageText,
  type SeededWriter,
  seedWriters,
  threadTexts,
  waitForRun,
} from './helpers';

const LINES = 1000;
const SHARE_PPM = 125_000; // 12.5 %
const PACE_PER_SECOND = 20; // STRIPE_RATE_LIMIT_PER_SECOND's default
const STRIPE_TEST_MODE_LIMIT = 25;

/** Revenue per line in cents; every residue mod 8 occurs, so 12.5 % hits .0, .125 … .875 of a cent, half included. */
const revenueOf = (i: number) => 10_000 + i * 37 + (i % 8);

/** "12.34" → 1234, on the digits (the CSV always has two decimals). */
const csvCents = (text: string | undefined) => Number((text ?? '').replace('.', ''));

/**
 * One paced 1,000-line run against the Stripe simulator limited to test mode's 25 requests a
 * second, at the default pace of 20/s. It takes about 50 s by design, so it runs once and every
 * assertion below reads its outcome.
 */
describe('a 1,000-line revenue-share run at the default pace', () => {
  let world: World;
  let writers: SeededWriter[];
  let run: PayoutRunHeader;
  let done: PayoutRunHeader;
  let wallSeconds: number;
  let transfers: SimulatedTransfer[];

  beforeAll(async () => {
    world = await startWorld({ env: { DAILY_TRANSFER_CAP_CENTS: '100000000' } });
    writers = await seedWriters(world, LINES);
    world.stripe.setAvailableBalance(100_000_000);
    world.stripe.setRateLimit(STRIPE_TEST_MODE_LIMIT);
    // The three ways to name a writer, in turn.
    const name = (writer: SeededWriter, i: number) =>
      [`<@${writer.slackUserId}|w${i}>`, writer.slackUserId, writer.email][i % 3];
    const csv = [
      'writer,revenue,memo',
      ...writers.map(
        (writer, i) =>
          `${name(writer, i)},${(revenueOf(i) / 100).toFixed(2)},${i % 10 === 0 ? '"Top answer, week 47"' : ''}`,
      ),
    ].join('\n');
    ({ run } = await requestRun(world.app, world, csv, {
      sharePercent: '12.5',
      defaultMemo: 'Revenue share, week 47',
    }));
    expect(run.lineCount).toBe(LINES);
    expect(run.requiredApprovals).toBe(2);
    await approve(world, run, FINANCE.two);
    await world.drain();
    const started = Date.now();
    await approve(world, run, FINANCE.three);
    await waitForRun(world.app, run.id, ['running', 'completed'], 10_000);
    done = await waitForRun(world.app, run.id, ['completed'], 180_000);
    wallSeconds = (Date.now() - started) / 1000;
    await world.drain();
    transfers = world.stripe.listTransfers();
    console.log(
      `1,000-line payout run at STRIPE_RATE_LIMIT_PER_SECOND=${PACE_PER_SECOND}: ${wallSeconds.toFixed(1)} s wall time (1,000 / 20 = 50 s; ±10 % is 45–55 s); simulator 429s: ${world.stripe.rateLimitedCount()}`,
    );
  }, 300_000);
  afterAll(() => world.stop());

  it('never gets a 429 from Stripe at 25/s, and keeps to the pace', () => {
    expect(world.stripe.rateLimitedCount()).toBe(0);
    // 1,000 calls at least 50 ms apart cannot take less than ~50 s.
    expect(wallSeconds).toBeGreaterThan(49);
    expect(wallSeconds).toBeLessThan(100);
  });

  it('pays every line exactly once, with the right amount rounded half-up per line', async () => {
    expect(transfers).toHaveLength(LINES);
    expect(world.stripe.countRequests({ method: 'POST', path: '/v1/transfers' })).toBe(LINES);
    const byDestination = new Map(transfers.map((t) => [t.destination, t]));
    expect(byDestination.size).toBe(LINES);
    writers.forEach((writer, i) => {
      const transfer = byDestination.get(writer.stripeAccountId);
      expect(transfer?.amount).toBe(expectedShare(revenueOf(i), SHARE_PPM));
      expect(transfer?.transfer_group).toBe(run.id);
      expect(transfer?.description).toBe(i % 10 === 0 ? 'Top answer, week 47' : 'Revenue share, week 47');
    });
    // Half a cent rounds up: 10,004 cents × 12.5 % = 1,250.5 → 1,251.
    expect(expectedShare(10_004, SHARE_PPM)).toBe(1251);
    expect(byDestination.get(writers[4]?.stripeAccountId as string)?.amount).toBe(
      expectedShare(revenueOf(4), SHARE_PPM),
    );
    const keys = world.stripe.idempotencyKeysSeen().filter((key) => key.startsWith(`batch:${run.id}:`));
    expect(new Set(keys)).toEqual(new Set(writers.map((_w, i) => `batch:${run.id}:${i + 2}`)));
    const docs = await world.app.db.models.transfers
      .find({ batchId: run.id }, { status: 1, line: 1, attempt: 1 })
      .lean();
    expect(docs).toHaveLength(LINES);
    expect(docs.every((doc) => doc.status === 'paid' && doc.attempt === 1)).toBe(true);
    const total = transfers.reduce((sum, t) => sum + t.amount, 0);
    expect(run.amountCents).toBe(total);
    expect(world.stripe.getBalance().available).toBe(100_000_000 - total);
  });

  it('summary and results CSV agree with the Stripe simulator', () => {
    const total = transfers.reduce((sum, t) => sum + t.amount, 0);
    const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      total / 100,
    );
    expect(threadTexts(world, done).join('\n')).toContain(
      `finished* — 1,000 paid (${dollars}) · 0 failed · 0 skipped`,
    );
    expect(runMessageText(world, done)).toContain(`1,000 / 1,000 paid — ${dollars} — 0 failed`);
    const rows: ResultRow[] = resultsCsvOf(world, done);
    expect(rows).toHaveLength(LINES);
    const byId = new Map(transfers.map((t) => [t.id, t]));
    for (const row of rows) {
      expect(row.status).toBe('paid');
      const transfer = byId.get(row.stripe_transfer_id as string);
      expect(transfer?.amount).toBe(csvCents(row.amount_usd));
      expect(transfer?.destination).toBe(row.stripe_account);
      byId.delete(row.stripe_transfer_id as string);
    }
    expect(byId.size).toBe(0);
    expect(rows.reduce((sum, row) => sum + csvCents(row.amount_usd), 0)).toBe(total);
  });

  it('updated the progress message at most once a second, and every writer got one DM', () => {
    const updates = world.slack
      .calls('chat.update')
      .filter((call) => call.params.ts === run.slackMessage?.ts)
      .map((call) => ({ at: call.at.getTime(), text: String(call.params.text) }));
    expect(updates.length).toBeGreaterThan(30);
    for (let i = 1; i < updates.length; i += 1) {
      expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    expect(
      updates.some((update) => /\d{3} \/ 1,000 paid — \$[\d,]+\.\d\d — 0 failed/.test(update.text)),
    ).toBe(true);
    for (const writer of writers) {
      const dms = world.slack
        .messages(world.slack.dmChannelOf(writer.slackUserId))
        .map((m) => renderMessageText(m));
      expect(dms).toHaveLength(1);
      expect(dms[0]).toMatch(/You were paid/);
    }
    expect(world.slack.messages(FINANCE_CHANNEL).filter((m) => !m.threadTs)).toHaveLength(1);
  });

  it('left an audit entry per line and for the run, and counted the run against the daily cap', async () => {
    const audit = world.app.db.models.auditEvents;
    expect(await audit.countDocuments({ action: 'batch.line_paid', 'subject.id': run.ref })).toBe(LINES);
    expect(await audit.countDocuments({ action: 'transfer.paid' })).toBe(LINES);
    for (const action of [
      'batch.requested',
      'batch.approval_recorded',
      'batch.approved',
      'batch.started',
      'batch.completed',
    ]) {
      expect(await audit.countDocuments({ action, 'subject.id': run.ref })).toBe(1);
    }
    expect((await world.app.services.audit.verify()).firstBreak).toBeUndefined();
    expect((await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents).toBe(run.amountCents);
  });
});
