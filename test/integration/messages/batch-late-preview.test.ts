import { VIEWS } from '../../../src/slack/ids';
import { PREVIEW_ACK_BUDGET_MS } from '../../../src/slack/listeners/views/batch-request';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { type ModalJson, modalText, openBatchForm, requestApproval, submitBatchForm } from '../batch/form';
import { runMessageText, seedWriters } from '../batch/helpers';

/**
 * A preview that takes longer than Slack waits for the ack: the form is answered with a "Reading…"
 * view at once, and the preview replaces it when it is ready (views.update), still asking before
 * anything is posted. Stripe's balance is made slow here, the last thing the preview reads.
 */
describe('the payout run form when the preview is slow', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
  });
  afterAll(() => world.stop());

  it('answers with "Reading…" in time, then shows the preview in the same modal, then requests on approval', async () => {
    const writers = await seedWriters(world, 2, 'L');
    const formId = await openBatchForm(world);
    // The balance call hangs longer than the ack budget, then Stripe drops it and stripe-node asks again.
    world.stripe.failNext(1, 'hang', {
      method: 'GET',
      path: /^\/v1\/balance$/,
      hangMs: PREVIEW_ACK_BUDGET_MS + 700,
    });
    const started = Date.now();
    const answer = await submitBatchForm(world, formId, {
      csv: ['writer,amount,memo', ...writers.map((w) => `${w.email},4.00,May`)].join('\n'),
    });
    const ackMs = Date.now() - started;
    expect(ackMs).toBeLessThan(3000);
    const reading = (answer.json as { response_action: string; view: ModalJson }).view;
    expect((answer.json as { response_action: string }).response_action).toBe('update');
    expect(modalText(reading)).toContain('Reading the CSV and matching every writer…');
    // Nothing to submit while it reads, and nothing posted.
    expect(reading.submit).toBeUndefined();

    const preview = await world.slack.waitFor(
      (slack) => (slack.view(formId)?.updateCount ?? 0) > 0 && (slack.view(formId)?.view as ModalJson),
      { timeoutMs: 20_000 },
    );
    expect(preview.callback_id).toBe(VIEWS.batchPreview);
    expect(modalText(preview)).toContain('2 lines ready · $8.00');
    expect(modalText(preview)).toContain('The balance covers it');
    expect(await world.app.db.models.payoutRuns.countDocuments()).toBe(0);

    await requestApproval(world, formId, preview);
    const stored = await world.app.db.models.payoutRuns.findOne().lean();
    expect(stored).toMatchObject({ status: 'requested', lineCount: 2, amountCents: 800 });
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toMatch(
      /^Requested PR-\d{4}: 2 lines for \$8\.00/,
    );
    const header = await world.app.services.batchDeps.runs.loadHeader(String(stored?._id));
    expect(runMessageText(world, header as NonNullable<typeof header>)).toContain('[Approve]');
  });
});
