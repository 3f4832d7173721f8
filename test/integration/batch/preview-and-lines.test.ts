import { renderMessageText } from '../../../sandbox/slack';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { ACTIONS, VIEWS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import {
  type ModalJson,
  modalAfter,
  modalText,
  openBatchForm,
  requestApproval,
  submitBatchForm,
} from './form';
import {
  approve,
  clickOnRun,
  requestRun,
  runMessageText,
  type SeededWriter,
  seedWriters,
  waitForRun,
} from './helpers';

/** The form shows every line before anything is posted; approvers open every line from the run's message. */
describe('payout run preview and lines', () => {
  let world: World;
  let writers: SeededWriter[];
  let preview: ModalJson;
  let formId: string;
  const w = (n: number) => writers[n - 1] as SeededWriter;

  beforeAll(async () => {
    world = await startWorld();
    writers = await seedWriters(world, 5, 'V');
    await world.app.db.models.writers.updateOne(
      { slackUserId: w(3).slackUserId },
      { $set: { status: 'onboarding' } },
    );
    for (const n of [4, 5]) {
      world.slack.addUser({
        id: w(n).slackUserId,
        name: `sam${n}`,
        displayName: 'Sam',
        realName: `Sam ${n}`,
        email: w(n).email,
      });
    }
    world.stripe.setAvailableBalance(1000);
    formId = await openBatchForm(world);
    const csv = [
      'writer,amount,memo',
      `${w(1).email},10.00,First`,
      `${w(2).slackUserId},20.00`,
      `${w(3).email},5.00`,
      'nobody@example.com,5.00',
      `${w(1).slackUserId},7.00`,
      `${w(4).email},abc`,
      'Sam,3.00',
    ].join('\n');
    preview = await modalAfter(world, await submitBatchForm(world, formId, { csv, memo: 'May' }), formId);
  });
  afterAll(() => world.stop());

  it('shows every line with its status, the total and that the balance does not cover it, posting nothing', async () => {
    const text = modalText(preview);
    expect(preview.callback_id).toBe(VIEWS.batchPreview);
    expect(text).toContain('2 lines ready · $30.00');
    expect(text).toContain("5 lines won't be paid");
    expect(text).toContain("The balance doesn't cover it: $10.00 available, *$20.00 short*");
    expect(text).toContain(`*2* · <@${w(1).slackUserId}> · $10.00 · First · ready`);
    expect(text).toContain(`*3* · <@${w(2).slackUserId}> · $20.00 · May · ready`);
    expect(text).toMatch(/\*4\* · `writer\.v00003@example\.com` · `5\.00` · :warning: not connected/);
    expect(text).toMatch(/\*5\* · `nobody@example\.com` · `5\.00` · :warning: unknown/);
    expect(text).toMatch(/\*6\* · .* :warning: duplicate — same writer as line 2/);
    expect(text).toMatch(/\*7\* · .*`abc` · :warning: malformed/);
    expect(text).toMatch(/\*8\* · `Sam` · `3\.00` · :warning: ambiguous — `Sam` could be <@UV00004> \(Sam 4/);
    expect((preview.submit as { text: string }).text).toBe('Request approval');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(0);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(0);
  });

  let run: PayoutRunHeader;

  it('posts the run only on Request approval, once however often it is clicked', async () => {
    await requestApproval(world, formId, preview);
    await requestApproval(world, formId, preview);
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(1);
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toContain('already requested');
    const stored = await world.app.db.models.payoutRuns.findOne().lean();
    run = (await world.app.services.batchDeps.runs.loadHeader(String(stored?._id))) as PayoutRunHeader;
    expect(runMessageText(world, run)).toContain('[Approve] [Reject] [Cancel run] [View lines]');
  });

  it('opens every line from the run message for finance, and not for anyone else', async () => {
    await clickOnRun(world, run, FINANCE.two, ACTIONS.viewBatchLines);
    await world.drain();
    const lines = world.slack.views().find((view) => view.callbackId === VIEWS.batchLines);
    const text = modalText(lines?.view as ModalJson);
    expect(text).toContain(`${run.ref} · 2 lines to pay · $30.00* · 5 skipped`);
    expect(text).toContain(`*2* · <@${w(1).slackUserId}> · $10.00 · First · to pay`);
    expect(text).toMatch(/\*8\* · `Sam` · `3\.00` · :warning: skipped: ambiguous/);
    await clickOnRun(world, run, OUTSIDER, ACTIONS.viewBatchLines);
    await world.drain();
    expect(world.slack.views().filter((view) => view.callbackId === VIEWS.batchLines)).toHaveLength(1);
    expect(renderMessageText(world.slack.ephemerals(OUTSIDER).at(-1) ?? {})).toContain(
      'Only the finance team',
    );
  });

  it('shows where each line stands once paid', async () => {
    world.stripe.setAvailableBalance(100_000);
    await approve(world, run);
    await waitForRun(world.app, run.id, ['completed']);
    await clickOnRun(world, run, FINANCE.three, ACTIONS.viewBatchLines);
    await world.drain();
    const lines = world.slack
      .views()
      .filter((view) => view.callbackId === VIEWS.batchLines)
      .at(-1);
    expect(modalText(lines?.view as ModalJson)).toMatch(
      /\*3\* · <@UV00002> · \$20\.00 · May · paid · TR-\d{4}/,
    );
  });

  it('pages a long run’s lines in the same modal, for finance only', async () => {
    const many = await seedWriters(world, 45, 'P');
    const { run: long } = await requestRun(
      world.app,
      world,
      ['writer,amount', ...many.map((writer) => `${writer.email},1.00`)].join('\n'),
    );
    await world.drain();
    await clickOnRun(world, long, FINANCE.two, ACTIONS.viewBatchLines);
    await world.drain();
    const opened = world.slack
      .views()
      .filter((view) => view.callbackId === VIEWS.batchLines && view.userId === FINANCE.two)
      .at(-1);
    const viewId = opened?.id as string;
    const shown = () => modalText(world.slack.view(viewId)?.view as ModalJson);
    expect(shown()).toContain('Lines 1–40 of 45');
    const next = { actionId: `${ACTIONS.batchLinesPage}:next`, viewId };

    await world.send.blockAction({ userId: OUTSIDER, ...next });
    await world.drain();
    expect(world.slack.view(viewId)?.updateCount ?? 0).toBe(0);
    expect(shown()).toContain('Lines 1–40 of 45');

    await world.send.blockAction({ userId: FINANCE.two, ...next });
    await world.drain();
    expect(shown()).toContain('Lines 41–45 of 45');
    expect(shown()).toContain(`*46* · <@${many[44]?.slackUserId}> · $1.00 · to pay`);
    expect(shown()).toContain('◀ Previous');
  });
});
