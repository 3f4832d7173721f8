import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS, VIEWS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { modalAfter, modalText, requestApproval, submitBatchForm } from './form';
import {
  approve,
  clickOnRun,
  requestRun,
  resultsCsvOf,
  runMessageText,
  seedWriters,
  threadTexts,
  waitForRun,
} from './helpers';

describe('payout runs through Slack', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ env: { DUAL_APPROVAL_ABOVE_CENTS: '100000' } });
  });
  afterEach(() => world.stop());

  it('form → preview with skips and balance → four eyes → paid once, DMs, summary, results CSV, audit', async () => {
    const [a, b, c, d] = await seedWriters(world, 4);
    world.stripe.setAvailableBalance(50_000);
    await world.send.command({ userId: FINANCE.one, command: '/payouts', text: 'batch' });
    await world.drain();
    const modal = world.slack.views().find((view) => view.callbackId === VIEWS.batchRequest);
    expect(modal).toBeDefined();

    const csv = [
      'writer,revenue,memo',
      `<@${a?.slackUserId}|a>,10.05,"Answers, May"`,
      `${b?.email.toUpperCase()},0.04,`,
      `${c?.slackUserId},100`,
      `<@${a?.slackUserId}>,50,twice`,
      'nobody@example.com,10',
      `<@${d?.slackUserId}>,abc`,
    ].join('\n');
    const answer = await submitBatchForm(world, modal?.id as string, {
      csv,
      share: '12.5%',
      memo: 'Revenue share <!channel>',
    });
    // The form answers with a preview in the modal; nothing is stored as a run or posted yet.
    const previewModal = await modalAfter(world, answer, modal?.id as string);
    expect(modalText(previewModal)).toContain('3 lines ready · $13.77');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(0);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(0);
    await requestApproval(world, modal?.id as string, previewModal);
    const stored = await world.app.db.models.payoutRuns.findOne().lean();
    expect(stored?.lines.map((line) => [line.line, line.amountCents, line.memo])).toEqual([
      [2, 126, 'Answers, May'], // 1005 × 12.5 % = 125.625 → 126
      [3, 1, 'Revenue share <!channel>'], // 4 × 12.5 % = 0.5 → 1 (half-up)
      [4, 1250, 'Revenue share <!channel>'],
    ]);
    expect(stored?.skipped.map((skip) => [skip.line, skip.reason])).toEqual([
      [5, 'duplicate_writer'],
      [6, 'unknown_writer'],
      [7, 'invalid_amount'],
    ]);
    const run = await world.app.services.batchDeps.runs.loadHeader(String(stored?._id));
    if (!run) throw new Error('no run');
    expect(run.ref).toMatch(/^PR-\d{4}$/);
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toContain(
      `Requested ${run.ref}: 3 lines for $13.77`,
    );

    const preview = runMessageText(world, run);
    expect(preview).toContain(`Payout run request ${run.ref} · 3 lines · $13.77`);
    expect(preview).toContain('Revenue share 12.5 %');
    expect(preview).toContain('rounded half-up to the cent');
    expect(preview).toContain('$500.00 available');
    expect(preview).toContain('enough for the whole run');
    expect(preview).toMatch(/Skipped 3 lines.*1 duplicate writer, 1 unknown writer, 1 invalid amount/);
    expect(preview).toContain('line 6 `nobody@example.com`: unknown writer');
    // What people typed is escaped: the memo shows `<!channel>` but pings nobody.
    const raw = JSON.stringify(
      world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === run.slackMessage?.ts),
    );
    expect(raw).toContain('Default memo: Revenue share &lt;!channel&gt;');
    expect(raw).not.toContain('<!channel>');
    expect(preview).toContain('[Approve] [Reject]');

    await approve(world, run, FINANCE.one);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toContain(`You requested ${run.ref}`);

    await approve(world, run, FINANCE.two);
    const done = await waitForRun(world.app, run.id, ['completed']);
    await world.drain();

    const transfers = world.stripe.listTransfers();
    expect(transfers.map((t) => t.amount).sort((x, y) => x - y)).toEqual([1, 126, 1250]);
    expect(new Set(transfers.map((t) => t.transfer_group))).toEqual(new Set([run.id]));
    const keys = world.stripe.idempotencyKeysSeen().filter((key) => key.startsWith('batch:'));
    expect(keys.sort()).toEqual([`batch:${run.id}:2`, `batch:${run.id}:3`, `batch:${run.id}:4`]);
    const docs = await world.app.db.models.transfers.find({ batchId: run.id }).lean();
    expect(docs.map((d) => d.status)).toEqual(['paid', 'paid', 'paid']);

    const dm = world.slack
      .messages(world.slack.dmChannelOf(a?.slackUserId as string))
      .map((m) => renderMessageText(m));
    expect(dm.join('\n')).toMatch(/You were paid \*?\$1\.26\*? — Answers, May/);

    expect(runMessageText(world, done)).toContain('3 / 3 paid — $13.77 — 0 failed');
    expect(runMessageText(world, done)).not.toContain('[Approve]');
    expect(threadTexts(world, done).join('\n')).toContain(
      `${run.ref} finished* — 3 paid ($13.77) · 0 failed · 3 skipped`,
    );
    const rows = resultsCsvOf(world, done);
    expect(rows.map((row) => [row.line, row.status, row.amount_usd])).toEqual([
      ['2', 'paid', '1.26'],
      ['3', 'paid', '0.01'],
      ['4', 'paid', '12.50'],
      ['5', 'skipped', ''],
      ['6', 'skipped', ''],
      ['7', 'skipped', ''],
    ]);
    for (const row of rows.filter((r) => r.status === 'paid')) {
      expect(transfers.find((t) => t.id === row.stripe_transfer_id)?.amount).toBe(
        Math.round(Number(row.amount_usd) * 100),
      );
    }

    const actions = (await world.app.db.models.auditEvents.find({ 'subject.id': run.ref }).lean()).map(
      (e) => e.action,
    );
    expect(actions.filter((x) => x === 'batch.line_paid')).toHaveLength(3);
    const requested = await world.app.db.models.auditEvents.findOne({ action: 'batch.requested' }).lean();
    expect(requested?.details).toMatchObject({
      amountCents: 1377,
      lines: 3,
      skipped: 3,
      skippedLines: { duplicate_writer: [5], unknown_writer: [6], invalid_amount: [7] },
    });
    expect(actions).toEqual(
      expect.arrayContaining(['batch.requested', 'batch.approved', 'batch.started', 'batch.completed']),
    );
    expect((await world.app.services.audit.verify()).firstBreak).toBeUndefined();
    // The run's total counts against today's transfer cap.
    expect((await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents).toBe(1377);
  });

  it('needs two approvals above the dual threshold, and a rejected run pays nothing', async () => {
    const writers = await seedWriters(world, 3);
    world.stripe.setAvailableBalance(10_000_000);
    const big = await requestRun(
      world.app,
      world,
      ['writer,amount', ...writers.map((w) => `${w.email},4000`)].join('\n'),
    );
    expect(big.run.requiredApprovals).toBe(2);
    await approve(world, big.run, FINANCE.two);
    await world.drain();
    expect(runMessageText(world, big.run)).toMatch(/Approved by .* · waiting for one more/);
    expect(world.stripe.listTransfers()).toHaveLength(0);
    await approve(world, big.run, FINANCE.two);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain('You already approved');
    await approve(world, big.run, FINANCE.three);
    await waitForRun(world.app, big.run.id, ['completed']);
    expect(world.stripe.listTransfers()).toHaveLength(3);

    const small = await requestRun(world.app, world, `writer,amount\n${writers[0]?.email},5`);
    await clickOnRun(world, small.run, FINANCE.two, ACTIONS.rejectBatch);
    await world.drain();
    const modal = world.slack.views().find((view) => view.callbackId === VIEWS.batchReject);
    await world.send.viewSubmission({
      userId: FINANCE.two,
      viewId: modal?.id,
      values: { batch_reject_reason: { batch_reject_reason_input: 'Wrong month' } },
    });
    await world.drain();
    expect(runMessageText(world, small.run)).toContain('Rejected by');
    expect(runMessageText(world, small.run)).toContain('Wrong month');
    await approve(world, small.run, FINANCE.three);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain('already rejected');
    expect(world.stripe.listTransfers()).toHaveLength(3);
  });

  it('keeps the daily cap: a run that would pass it cannot be approved, and nothing moves', async () => {
    await world.stop();
    world = await startWorld({ env: { DAILY_TRANSFER_CAP_CENTS: '100000' } });
    const writers = await seedWriters(world, 2);
    world.stripe.setAvailableBalance(10_000_000);
    const first = await requestRun(world.app, world, `writer,amount\n${writers[0]?.email},700`);
    const second = await requestRun(world.app, world, `writer,amount\n${writers[1]?.email},400`);
    expect(second.warnings).toEqual([]);
    await approve(world, first.run);
    await waitForRun(world.app, first.run.id, ['completed']);
    await approve(world, second.run);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toMatch(
      /Can't approve PR-\d{4} today: \$700\.00 of the \$1,000\.00 daily transfer cap is already approved/,
    );
    expect(world.stripe.listTransfers().map((t) => t.amount)).toEqual([70_000]);
    expect((await world.app.services.batchDeps.runs.loadHeader(second.run.id))?.status).toBe('requested');
    await expect(requestRun(world.app, world, `writer,amount\n${writers[1]?.email},1000.01`)).rejects.toThrow(
      /more than the daily transfer cap of \$1,000\.00/,
    );
  });

  it('pauses when the balance runs out, says what is missing, and Resume after the top-up settles pays each line once', async () => {
    const writers = await seedWriters(world, 6);
    world.stripe.setAvailableBalance(25_000); // $250: enough for two $100 lines
    const { run } = await requestRun(
      world.app,
      world,
      ['writer,amount,memo', ...writers.map((w) => `${w.email},100,May`)].join('\n'),
    );
    expect(runMessageText(world, run)).toContain('$350.00 short');
    await approve(world, run);
    const paused = await waitForRun(world.app, run.id, ['paused']);
    await world.drain();
    expect(paused.pause?.reason).toBe('balance_insufficient');
    expect(paused.pause?.missingCents).toBe((paused.pause?.neededCents as number) - 5_000);
    const pausedText = runMessageText(world, paused);
    expect(pausedText).toMatch(/2 \/ 6 paid — \$200\.00 — 0 failed/);
    expect(pausedText).toContain(
      'Paused: not enough available balance.* The remaining lines need $400.00; $50.00 is available — *$350.00 missing*',
    );
    expect(pausedText).toContain('[Resume]');
    expect(threadTexts(world, paused).join('\n')).toContain('$350.00 missing');

    // Resume before the money is there: refused, nothing changes.
    await clickOnRun(world, paused, FINANCE.three, ACTIONS.resumeBatch);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toMatch(
      /Can't resume PR-\d{4} yet: .*\$350\.00 missing/,
    );

    // A top-up settles: the thread offers Resume.
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '1000 more' });
    await world.drain();
    const topupMessage = world.slack
      .messages(FINANCE_CHANNEL)
      .filter((m) => !m.threadTs)
      .at(-1);
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: topupMessage?.ts as string,
    });
    await world.drain();
    world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
    await world.drain();
    const offer = world.slack
      .messages(FINANCE_CHANNEL)
      .filter((m) => m.threadTs === run.slackMessage?.ts)
      .at(-1);
    expect(renderMessageText(offer ?? {})).toMatch(
      /TU-\d{4} settled \(\$1,000\.00\)\. Available now: \$1,050\.00, enough/,
    );
    await Promise.all([
      world.send.blockAction({
        userId: FINANCE.three,
        actionId: ACTIONS.resumeBatch,
        channelId: FINANCE_CHANNEL,
        messageTs: offer?.ts as string,
      }),
      clickOnRun(world, paused, FINANCE.two, ACTIONS.resumeBatch),
    ]);
    const done = await waitForRun(world.app, run.id, ['completed']);
    await world.drain();

    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(6);
    expect(new Set(transfers.map((t) => t.destination)).size).toBe(6);
    const attempts = await world.app.db.models.transfers
      .find({ batchId: run.id })
      .sort({ line: 1, attempt: 1 })
      .lean();
    const retried = attempts.filter((t) => t.attempt === 2);
    expect(retried.length).toBeGreaterThan(0);
    for (const retry of retried) expect(retry.idempotencyKey).toBe(`batch:${run.id}:${retry.line}:attempt:2`);
    expect(attempts.filter((t) => t.status === 'paid')).toHaveLength(6);
    expect(runMessageText(world, done)).toContain('6 / 6 paid — $600.00 — 0 failed');
    const rows = resultsCsvOf(world, done);
    expect(rows.every((row) => row.status === 'paid')).toBe(true);
    // The cap counts what was paid, once: failed attempts gave theirs back, retries reserved again.
    expect((await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents).toBe(60_000);
  });

  it("a line Stripe refuses fails with Stripe's reason and the rest are paid; 429s are retried with the same key", async () => {
    const writers = await seedWriters(world, 5);
    world.stripe.setAvailableBalance(1_000_000);
    const { run } = await requestRun(
      world.app,
      world,
      ['writer,amount', ...writers.map((w) => `${w.slackUserId},20`)].join('\n'),
    );
    // The writer's account is gone at Stripe but its webhook has not reached Paydesk yet, so the
    // approval's re-check of the writers passes and Stripe's refusal is what the line meets.
    world.stripe.setAutoDeliver(false);
    world.stripe.deauthorizeAccount(writers[2]?.stripeAccountId as string);
    world.stripe.failNext(3, '429-no-retry', { path: /^\/v1\/transfers$/ });
    await approve(world, run);
    const done = await waitForRun(world.app, run.id, ['completed'], 60_000);
    world.stripe.setAutoDeliver(true);
    await world.drain();
    expect(world.stripe.listTransfers()).toHaveLength(4);
    const summary = threadTexts(world, done).join('\n');
    expect(summary).toContain('4 paid ($80.00) · 1 failed ($20.00)');
    expect(summary).toMatch(/line 4 .*No such destination/);
    const rows = resultsCsvOf(world, done);
    expect(rows.find((row) => row.line === '4')).toMatchObject({
      status: 'failed',
      reason_code: 'resource_missing',
    });
    // Every line used its own key, and the retried ones reused it.
    const posts = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/v1/transfers');
    expect(posts.length).toBe(5 + 3);
    expect(new Set(posts.map((entry) => entry.idempotencyKey)).size).toBe(5);
    expect((await world.app.db.models.dailyTotals.findOne().lean())?.approvedCents).toBe(8_000);
  });
});
