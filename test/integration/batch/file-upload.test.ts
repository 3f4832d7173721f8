import { WebClient } from '@slack/web-api';
import { MAX_CSV_BYTES } from '../../../src/domain/batch/csv';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { ACTIONS } from '../../../src/slack/ids';
import { slackUploadedFiles } from '../../../src/slack/uploaded-files';
import { BATCH_FIELDS } from '../../../src/slack/views/batch-modals';
import { FINANCE, TEST_SECRETS } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import {
  asStoredView,
  type ModalJson,
  modalAfter,
  modalText,
  openBatchForm,
  requestApproval,
  submitBatchForm,
} from './form';
import { approve, type SeededWriter, seedWriters, waitForRun } from './helpers';

const LINES = 1000;

/** "12.34" for line i: every amount different, with a dot for cents as semicolon files need. */
const amountOf = (i: number) => `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`;
const centsOf = (i: number) => Math.round(Number(amountOf(i)) * 100);

/**
 * A 1,000-line CSV uploaded as a file, as Excel in a comma-decimal locale saves it: UTF-8 with a
 * byte-order mark, CRLF line ends, semicolons between fields.
 */
describe('a payout run from an uploaded CSV file', () => {
  let world: World;
  let writers: SeededWriter[];

  beforeAll(async () => {
    world = await startWorld({
      env: {
        DAILY_TRANSFER_CAP_CENTS: '100000000',
        DUAL_APPROVAL_ABOVE_CENTS: '100000000',
        // Fast, to keep the suite short; the pace itself is shared-pace.test.ts's business.
        STRIPE_RATE_LIMIT_PER_SECOND: '100',
      },
    });
    writers = await seedWriters(world, LINES, 'F');
    world.stripe.setAvailableBalance(100_000_000);
  }, 60_000);
  afterAll(() => world.stop());

  it('previews 1,000 lines from the file in one step, then requests, approves and pays each once', async () => {
    const name = (writer: SeededWriter, i: number) => (i % 2 === 0 ? writer.email : writer.slackUserId);
    const csv = `\uFEFFwriter;amount;memo\r\n${writers
      .map((writer, i) => `${name(writer, i)};${amountOf(i)};${i % 7 === 0 ? '"Answers; May"' : ''}`)
      .join('\r\n')}\r\n`;
    const file = world.slack.uploadFile({ userId: FINANCE.one, name: 'May payouts.csv', content: csv });
    const formId = await openBatchForm(world);
    const answer = await submitBatchForm(world, formId, { file, memo: 'Revenue share, May' });
    const preview = await modalAfter(world, answer, formId);
    const total = writers.reduce((sum, _w, i) => sum + centsOf(i), 0);
    const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      total / 100,
    );
    const text = modalText(preview);
    expect(text).toContain(`1,000 lines ready · ${dollars}`);
    expect(text).toContain('From `May payouts.csv`');
    expect(text).toContain('The balance covers it');
    expect(text).toContain('Lines 1–40 of 1,000');
    expect(text).toContain(`*2* · <@${writers[0]?.slackUserId}> · $10.00 · Answers; May · ready`);
    // The bot read the file with its token: files.info, then the private download.
    expect(world.slack.calls('files.info')).toHaveLength(1);
    const download = world.slack.calls('files.download')[0];
    expect(download).toMatchObject({ ok: true, token: TEST_SECRETS.slackBotToken });

    // Paging through the preview: the same modal, next 40 lines.
    await world.send.blockAction({
      userId: FINANCE.one,
      actionId: `${ACTIONS.batchPreviewPage}:next`,
      viewId: formId,
      view: asStoredView(world, formId, preview),
    });
    await world.drain();
    const page2 = world.slack.view(formId)?.view as ModalJson;
    expect(modalText(page2)).toContain('Lines 41–80 of 1,000');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(0);

    await requestApproval(world, formId, preview);
    const stored = await world.app.db.models.payoutRuns.findOne().lean();
    const run = (await world.app.services.batchDeps.runs.loadHeader(String(stored?._id))) as PayoutRunHeader;
    expect(run.lineCount).toBe(LINES);
    expect(run.amountCents).toBe(total);
    expect(stored?.lines[0]).toMatchObject({ line: 2, memo: 'Answers; May' });
    expect(stored?.lines[1]).toMatchObject({ line: 3, memo: 'Revenue share, May' });

    await approve(world, run);
    await waitForRun(world.app, run.id, ['completed'], 120_000);
    await world.drain();
    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(LINES);
    expect(new Set(transfers.map((transfer) => transfer.destination)).size).toBe(LINES);
    const keys = world.stripe.idempotencyKeysSeen().filter((key) => key.startsWith(`batch:${run.id}:`));
    expect(keys).toHaveLength(LINES);
    expect(new Set(keys)).toEqual(new Set(writers.map((_w, i) => `batch:${run.id}:${i + 2}`)));
    const byDestination = new Map(transfers.map((transfer) => [transfer.destination, transfer.amount]));
    writers.forEach((writer, i) => {
      expect(byDestination.get(writer.stripeAccountId)).toBe(centsOf(i));
    });
  }, 180_000);

  it("says it couldn't read a file that isn't UTF-8 or that Slack doesn't hand over, inside the form", async () => {
    const formId = await openBatchForm(world);
    const latin1 = world.slack.uploadFile({
      userId: FINANCE.one,
      name: 'latin1.csv',
      content: Buffer.from(`writer,amount,memo\n${writers[0]?.email},5,Caf\xe9\n`, 'latin1'),
    });
    const notUtf8 = await submitBatchForm(world, formId, { file: latin1 });
    expect(notUtf8.json).toMatchObject({
      response_action: 'errors',
      errors: {
        [BATCH_FIELDS.file.block]: expect.stringMatching(
          /Couldn't read the file `latin1\.csv`: it isn't UTF-8/,
        ),
      },
    });
    const gone = await submitBatchForm(world, formId, { file: { id: 'F0NOSUCHFILE', name: 'gone.csv' } });
    expect(gone.json).toMatchObject({
      response_action: 'errors',
      errors: {
        [BATCH_FIELDS.file.block]: expect.stringContaining(
          "Couldn't read the file: Slack didn't hand it to Paydesk (`file_not_found`)",
        ),
      },
    });
    const both = await submitBatchForm(world, formId, { file: latin1, csv: 'writer,amount\nx,1' });
    expect(both.json).toMatchObject({
      errors: { [BATCH_FIELDS.csv.block]: expect.stringContaining('not both') },
    });
    const neither = await submitBatchForm(world, formId, {});
    expect(neither.json).toMatchObject({
      errors: { [BATCH_FIELDS.file.block]: expect.stringContaining('Upload a CSV file') },
    });
    // Nothing was stored: the first test's draft became its run, and none was added.
    expect(await world.app.db.models.payoutRunDrafts.countDocuments()).toBe(0);
  });

  it('takes one file per run: two files come back as an error under the file field', async () => {
    const formId = await openBatchForm(world);
    const upload = (name: string) =>
      world.slack.uploadFile({
        userId: FINANCE.one,
        name,
        content: `writer,amount\n${writers[0]?.email},5\n`,
      });
    const downloadsBefore = world.slack.calls('files.download').length;
    const answer = await submitBatchForm(world, formId, { files: [upload('a.csv'), upload('b.csv')] });
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: { [BATCH_FIELDS.file.block]: 'Upload one CSV file per run.' },
    });
    expect(world.slack.calls('files.download')).toHaveLength(downloadsBefore);
    expect(await world.app.db.models.payoutRunDrafts.countDocuments()).toBe(0);
  });

  it('refuses a file of 10 MB and one byte inside the form, without downloading it, and stores nothing', async () => {
    const runsBefore = await world.app.db.models.payoutRuns.countDocuments();
    const downloadsBefore = world.slack.calls('files.download').length;
    const head = `writer,amount,memo\n${writers[0]?.email},5,`;
    const content = `${head}${'x'.repeat(MAX_CSV_BYTES + 1 - Buffer.byteLength(head))}`;
    expect(Buffer.byteLength(content)).toBe(10 * 1024 * 1024 + 1);
    const big = world.slack.uploadFile({ userId: FINANCE.one, name: 'big.csv', content });
    const formId = await openBatchForm(world);
    const answer = await submitBatchForm(world, formId, { file: big });
    expect(answer.json).toMatchObject({
      response_action: 'errors',
      errors: {
        [BATCH_FIELDS.file.block]: expect.stringContaining(
          "Couldn't read the file `big.csv`: it is more than 10.0 MB; a run's file takes at most 10.0 MB.",
        ),
      },
    });
    expect(world.slack.calls('files.download')).toHaveLength(downloadsBefore);
    expect(await world.app.db.models.payoutRunDrafts.countDocuments()).toBe(0);
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(runsBefore);
  });

  it('gets Slack’s sign-in page without the bot token, and reports it as a file it couldn’t read', async () => {
    const file = world.slack.uploadFile({
      userId: FINANCE.one,
      name: 'runs.csv',
      content: 'writer,amount\n',
    });
    const anonymous = await fetch(file.url_private_download);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toMatch(/text\/html/);
    expect(await anonymous.text()).toContain('Sign in');
    const slack = new WebClient(TEST_SECRETS.slackBotToken, { slackApiUrl: world.slack.apiUrl });
    const withWrongToken = slackUploadedFiles(slack, 'xoxb-not-the-bot');
    await expect(withWrongToken.readText(file.id)).rejects.toThrow(
      "Couldn't read the file `runs.csv`: Slack sent its sign-in page instead of the file.",
    );
    const withBotToken = slackUploadedFiles(slack, TEST_SECRETS.slackBotToken);
    await expect(withBotToken.readText(file.id)).resolves.toEqual({
      name: 'runs.csv',
      text: 'writer,amount\n',
    });
  });

  it('pays decimal-comma amounts from a semicolon file, and refuses one that reads two ways with both', async () => {
    const [cents, grouped, either] = await seedWriters(world, 3, 'D');
    const csv = [
      'writer;amount;memo',
      `${cents?.email};10,50;Answers`,
      `${grouped?.email};1.234,56;Answers`,
      `${either?.email};1,500;Answers`,
    ].join('\r\n');
    const file = world.slack.uploadFile({
      userId: FINANCE.one,
      name: 'Juni.csv',
      content: `\uFEFF${csv}\r\n`,
    });
    const formId = await openBatchForm(world);
    const preview = await modalAfter(world, await submitBatchForm(world, formId, { file }), formId);
    const text = modalText(preview);
    expect(text).toContain('2 lines ready · $1,245.06');
    expect(text).toContain(`*2* · <@${cents?.slackUserId}> · $10.50 · Answers · ready`);
    expect(text).toContain(`*3* · <@${grouped?.slackUserId}> · $1,234.56 · Answers · ready`);
    expect(text).toContain(
      '*4* · `writer.d00003@example.com` · `1,500` · :warning: malformed — amount `1,500` reads two ways: $1,500.00 (write 1500) or $1.50 (write 1,50)',
    );

    await requestApproval(world, formId, preview);
    const stored = await world.app.db.models.payoutRuns.findOne({}, {}, { sort: { _id: -1 } }).lean();
    const run = (await world.app.services.batchDeps.runs.loadHeader(String(stored?._id))) as PayoutRunHeader;
    await approve(world, run);
    await waitForRun(world.app, run.id, ['completed']);
    const paid = (writer: SeededWriter | undefined) =>
      world.stripe
        .listTransfers()
        .filter((transfer) => transfer.destination === writer?.stripeAccountId)
        .map((transfer) => transfer.amount);
    expect(paid(cents)).toEqual([1050]);
    expect(paid(grouped)).toEqual([123456]);
    expect(paid(either)).toEqual([]);
  });
});
