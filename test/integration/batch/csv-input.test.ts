import { MAX_CSV_BYTES, MAX_RUN_LINES, parseBatchCsv } from '../../../src/domain/batch/csv';
import { VIEWS } from '../../../src/slack/ids';
import { BATCH_FIELDS } from '../../../src/slack/views/batch-modals';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { requestRun, type SeededWriter, seedWriters } from './helpers';

/** Bad input must be refused with a clear reason (nothing stored) or skipped line by line, never half-run. */
describe('payout run CSV input', () => {
  let world: World;
  let writers: SeededWriter[];
  beforeAll(async () => {
    world = await startWorld({ env: { DAILY_TRANSFER_CAP_CENTS: '100000000' } });
    writers = await seedWriters(world, 1000);
    world.stripe.setAvailableBalance(10_000_000);
  });
  afterAll(() => world.stop());

  const w = (i: number) => writers[i] as SeededWriter;

  async function expectRefused(csv: string, message: RegExp, options: { sharePercent?: string } = {}) {
    const before = await world.app.db.models.payoutRuns.countDocuments();
    const error = await requestRun(world.app, world, csv, options).then(
      () => undefined,
      (thrown: { userMessage?: string }) => thrown,
    );
    expect(error?.userMessage).toMatch(message);
    expect(error?.userMessage).toContain('Nothing was changed.');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(before);
  }

  it('refuses files with the wrong columns, saying what the header must be', async () => {
    await expectRefused(
      `name,amount\n${w(0).email},10`,
      /column `name` Paydesk doesn't know.*`writer,amount,memo`/,
    );
    await expectRefused(
      `${w(0).email},10\n${w(1).email},20`,
      /column `writer\.b00001@example\.com` Paydesk doesn't know/,
    );
    await expectRefused(`writer,amount,revenue\n${w(0).email},10,20`, /both `amount` and `revenue`/);
    await expectRefused(`writer,memo\n${w(0).email},hi`, /neither an `amount` nor a `revenue` column/);
    await expectRefused('writer,amount,amount\nx,1,2', /names `amount` twice/);
    await expectRefused('writer,amount\n', /a header but no lines/);
    await expectRefused('', /the CSV is empty/);
    await expectRefused(`writer,amount\n"${w(0).email},10`, /malformed near line \d.*quote/i);
    await expectRefused(`writer,revenue\n${w(0).email},10`, /revenue.*say what share/);
    await expectRefused(`writer,revenue\n${w(0).email},10`, /revenue share must be at most 100 %/, {
      sharePercent: '101',
    });
    await expectRefused(`writer,revenue\n${w(0).email},10`, /more than four decimal places/, {
      sharePercent: '12.50001',
    });
    await expectRefused(
      `writer,amount\nnobody@example.com,10\n<@UNOPE01>,5`,
      /none of the 2 lines can be paid \(2 unknown writer\)/,
    );
    expect(await world.app.db.models.transfers.countDocuments()).toBe(0);
  });

  it('reads a BOM, quoted commas and line breaks, blank lines and trailing commas; skips bad lines with reasons', async () => {
    const csv = [
      '\uFEFFWriter , Amount ,Memo,',
      `<@${w(0).slackUserId}|writer>,"1,234.50","Answers, May ""best"""`,
      '',
      '   ',
      ',,',
      `${w(1).email},10,"two`,
      `lines"`,
      `${w(2).email},10,x,unexpected`,
      `${w(3).email},-5`,
      `${w(4).email},0`,
      `${w(5).email},12.345`,
      `${w(6).email},5000.01`,
      `${w(7).email},7,${'m'.repeat(201)}`,
      `not a writer,7`,
      `${w(8).slackUserId},8`,
      '',
    ].join('\r\n');
    const { run } = await requestRun(world.app, world, csv);
    const stored = await world.app.db.models.payoutRuns.findById(run.id).lean();
    expect(stored?.lines.map((line) => [line.line, line.amountCents, line.memo])).toEqual([
      [2, 123_450, 'Answers, May "best"'],
      [7, 1000, 'two\r\nlines'],
      [15, 800, ''],
    ]);
    expect(stored?.skipped.map((skip) => [skip.line, skip.reason])).toEqual([
      [8, 'invalid_line'],
      [9, 'invalid_amount'],
      [10, 'invalid_amount'],
      [11, 'invalid_amount'],
      [12, 'invalid_amount'],
      [13, 'invalid_memo'],
      [14, 'unknown_writer'],
    ]);
    const details = stored?.skipped.map((skip) => skip.detail) ?? [];
    expect(details[0]).toMatch(/has 4 fields but the header has 3/);
    expect(details[1]).toMatch(/`-5` isn't a positive dollar amount/);
    expect(details[3]).toMatch(/more than two decimal places/);
    expect(details[4]).toMatch(/over the limit of \$5,000\.00/);
    // Not a mention, id or email: read as a name, and nobody in Slack is called that.
    expect(details[6]).toMatch(/nobody in Slack is called `not a writer`/);
  });

  it('takes exactly 10,000 lines and refuses 10,001; an 11 MB CSV is refused at once', async () => {
    // 1,000 known writers once each, then 9,000 lines for writers Paydesk doesn't know.
    const lines = writers.map((writer, i) => `${writer.email},${(i % 50) + 1}.00`);
    for (let i = lines.length; i < MAX_RUN_LINES; i += 1) lines.push(`stranger${i}@example.com,1`);
    const csv = `writer,amount\n${lines.join('\n')}`;
    expect(parseBatchCsv(csv).rows).toHaveLength(MAX_RUN_LINES);
    const started = Date.now();
    const { run, warnings } = await requestRun(world.app, world, csv);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.lineCount).toBe(1000);
    expect(run.skippedCount).toBe(9000);
    expect(run.skippedByReason).toEqual({ unknown_writer: 9000 });
    expect(warnings).toEqual([]);
    expect(run.amountCents).toBe(writers.reduce((sum, _writer, i) => sum + ((i % 50) + 1) * 100, 0));

    await expectRefused(`${csv}\nstranger@example.com,1`, /more than 10,000 lines; split it/);

    const huge = `writer,amount,memo\n${`${w(0).email},1,${'x'.repeat(1000)}\n`.repeat(11 * 1024)}`;
    expect(Buffer.byteLength(huge)).toBeGreaterThan(11 * 1024 * 1024);
    const refusedAt = Date.now();
    await expectRefused(
      huge,
      new RegExp(`the CSV is 11\\.\\d MB; a run takes at most ${MAX_CSV_BYTES / 1024 / 1024}\\.0 MB`),
    );
    expect(Date.now() - refusedAt).toBeLessThan(1000);
  });

  it('puts problems back into the Slack form, and stores nothing', async () => {
    const before = await world.app.db.models.payoutRuns.countDocuments();
    await world.send.command({ userId: FINANCE.one, command: '/payouts', text: 'batch' });
    await world.drain();
    const modal = world.slack
      .views()
      .filter((view) => view.callbackId === VIEWS.batchRequest)
      .at(-1);
    const submit = (csv: string, share = '') =>
      world.send.viewSubmission({
        userId: FINANCE.one,
        viewId: modal?.id,
        values: {
          [BATCH_FIELDS.csv.block]: { [BATCH_FIELDS.csv.input]: csv },
          [BATCH_FIELDS.share.block]: { [BATCH_FIELDS.share.input]: share },
          [BATCH_FIELDS.memo.block]: { [BATCH_FIELDS.memo.input]: '' },
        },
      });
    const wrongColumns = await submit(`who,amount\n${w(0).email},1`);
    expect(wrongColumns.json).toMatchObject({
      response_action: 'errors',
      errors: { [BATCH_FIELDS.csv.block]: expect.stringContaining("column `who` Paydesk doesn't know") },
    });
    const noShare = await submit(`writer,revenue\n${w(0).email},100`);
    expect(noShare.json).toMatchObject({
      response_action: 'errors',
      errors: { [BATCH_FIELDS.share.block]: expect.stringContaining('say what share') },
    });
    // Someone outside finance cannot open the form.
    await world.send.command({ userId: 'UOUT0001', command: '/payouts', text: 'batch' });
    await world.drain();
    expect(world.slack.ephemerals('UOUT0001').at(-1)?.text).toContain('Only the finance team');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(before);
  });
});
