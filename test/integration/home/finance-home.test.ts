import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { BATCH_REJECT_BLOCK, BATCH_REJECT_INPUT } from '../../../src/slack/views/batch-modals';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { slash } from '../../support/finance';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { requestRun, waitForRun } from '../batch/helpers';
import { clickOnHome, dmTexts, homeButton, homeText, names, openHome } from './helpers';

/** App Home for finance: read from real state, and Approve / Reject through the channel's guarded path. */
describe('the finance App Home', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
  });
  afterEach(() => world.stop());

  const storedRun = async (id: string) => {
    const run = await world.app.db.models.payoutRuns.findById(id).lean();
    if (!run) throw new Error(`no run ${id}`);
    return run;
  };
  const channelText = (ts: string) =>
    renderMessageText(world.slack.message(FINANCE_CHANNEL, ts) ?? {}, names(world));

  it('shows the balance, what waits for this person, their own requests, writers and activity', async () => {
    await seedConnectedWriter(world, WRITER_TWO, { status: 'restricted' });
    await slash(world, FINANCE.one, '/topup', '2000 Weekly top-up');
    await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);

    const two = await openHome(world, FINANCE.two);
    expect(two).toContain('Paydesk · finance');
    expect(two).toContain('Stripe balance* · $1,000.00 available · $0.00 pending');
    expect(two).toContain('Waiting for you (2)');
    expect(two).toContain('*TU-0001* · $2,000.00 top-up — Weekly top-up');
    expect(two).toContain('*TR-0001* · $9.00 to @writer.one — Answers for May');
    expect(two).toContain('Requested by @fin.one');
    expect(two).toContain('[Approve] [Reject]');
    expect(two).toContain("@writer.two · *restricted*: can't be paid until Stripe gets bank account");
    expect(two).toContain('@fin.one requested top-up TU-0001 · $2,000.00');

    // The requester waits for others: nothing for them to approve, their requests and their state.
    const one = await openHome(world, FINANCE.one);
    expect(one).toContain('Waiting for you (0)');
    expect(one).toContain('Nothing is waiting for your approval.');
    expect(one).toContain('*TU-0001* · $2,000.00 top-up · waiting for approval');
    expect(one).toContain('*TR-0001* · $9.00 to @writer.one · waiting for approval');
    for (const text of [one, two]) expect(text).not.toMatch(/[a-f0-9]{24}|submitting|succeeded/);
  });

  it('Approve on Home approves once through the guarded path and updates the channel message and the Home', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '300 Weekly top-up');
    await openHome(world, FINANCE.two);
    const staleHome = world.slack.home(FINANCE.two)?.view;
    const approve = homeButton(world, FINANCE.two, 'TU-0001', ACTIONS.approveTopup);

    await clickOnHome(world, FINANCE.two, approve, ACTIONS.approveTopup);
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(channelText(ts)).toContain('Approved by @fin.two');
    expect(channelText(ts)).not.toContain('[Approve]');
    // Refreshed after the click: it no longer waits, and its top-up is on the way.
    expect(homeText(world, FINANCE.two)).toContain('Waiting for you (0)');
    expect(homeText(world, FINANCE.two)).toMatch(
      /TU-0001 · \$300\.00 top-up · pending at Stripe · expected /,
    );

    // A second click on the tab as it was before the refresh: told privately, nothing twice.
    await clickOnHome(world, FINANCE.two, approve, ACTIONS.approveTopup, staleHome);
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(dmTexts(world, FINANCE.two).at(-1)).toContain('You already approved TU-0001');
    expect(world.slack.ephemerals(FINANCE.two)).toHaveLength(0);
  });

  it('refuses the requester’s own request from Home, by DM, and approves nothing', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '300 My own');
    await openHome(world, FINANCE.two);
    const approve = homeButton(world, FINANCE.two, 'TU-0001', ACTIONS.approveTopup);
    // fin.one clicks the same button (a forged or shared Home): the guard checks the clicker.
    await openHome(world, FINANCE.one);
    await clickOnHome(world, FINANCE.one, approve, ACTIONS.approveTopup);
    expect(world.stripe.listTopups()).toHaveLength(0);
    expect(dmTexts(world, FINANCE.one).at(-1)).toBe(
      'You requested TU-0001, so someone else in finance has to approve it.',
    );
    expect(channelText(ts)).toContain('[Approve]');
  });

  it('Reject on Home asks for the reason, rejects, updates the channel message and refreshes the Home', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
    await openHome(world, FINANCE.two);
    await clickOnHome(
      world,
      FINANCE.two,
      homeButton(world, FINANCE.two, 'TR-0001', ACTIONS.rejectTransfer),
      ACTIONS.rejectTransfer,
    );
    const modal = world.slack.views().find((view) => view.openedWith === 'views.open');
    expect(modal?.userId).toBe(FINANCE.two);
    await world.send.viewSubmission({
      userId: FINANCE.two,
      viewId: modal?.id,
      values: { reason: { reason_input: 'Already paid by hand' } },
    });
    await world.drain();
    expect(channelText(ts)).toContain('Already paid by hand');
    expect(channelText(ts)).not.toContain('[Approve]');
    expect(homeText(world, FINANCE.two)).toContain('Waiting for you (0)');
    expect(world.stripe.listTransfers()).toHaveLength(0);
  });

  it('a reversal waiting for approval is on the other approvers’ Home, and Approve reversal works from there', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
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
      values: { amount: { amount_input: '4.50' }, reason: { reason_input: 'Paid twice' } },
    });
    await world.drain();

    expect(await openHome(world, FINANCE.one)).toContain('Waiting for you (0)');
    const three = await openHome(world, FINANCE.three);
    expect(three).toContain(
      '*Reversal of TR-0001* · take back $4.50 of the $9.00 paid to @writer.one — Paid twice',
    );
    expect(three).toContain('[Approve reversal] [Keep the payment]');
    await clickOnHome(
      world,
      FINANCE.three,
      homeButton(world, FINANCE.three, 'Reversal of TR-0001', ACTIONS.approveReversal),
      ACTIONS.approveReversal,
    );
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(450);
    expect(homeText(world, FINANCE.three)).toContain('Waiting for you (0)');
  });

  it('a payout run waits on Home too, and Approve there starts it', async () => {
    const { run } = await requestRun(world.app, world, 'writer,amount,memo\nwriter.one@example.com,10,May');
    await world.drain();
    const two = await openHome(world, FINANCE.two);
    expect(two).toContain(`*${run.ref}* · payout run · $10.00 to 1 writer`);
    await clickOnHome(
      world,
      FINANCE.two,
      homeButton(world, FINANCE.two, run.ref, ACTIONS.approveBatch),
      ACTIONS.approveBatch,
    );
    await waitForRun(world.app, run.id, ['completed']);
    expect(world.stripe.listTransfers().map((t) => t.amount)).toEqual([1000]);
    await openHome(world, FINANCE.two);
    expect(homeText(world, FINANCE.two)).toContain('Waiting for you (0)');
    // The run's own message in the channel was updated by the click on Home: no buttons left.
    await world.drain();
    const posted = await storedRun(run.id);
    const message = renderMessageText(
      world.slack.message(FINANCE_CHANNEL, posted.slackMessage?.ts ?? '') ?? {},
      names(world),
    );
    expect(message).toContain(`*Payout run ${run.ref} · completed*`);
    expect(message).not.toContain('[Approve]');
    expect(message).toMatch(/Approved by @fin\.two/);
    // The requester finds it among their own requests.
    expect(await openHome(world, FINANCE.one)).toMatch(
      new RegExp(`\\*${run.ref}\\* · \\$10\\.00 payout run to 1 writer · completed`),
    );
  });

  it('Reject of a payout run on Home asks why, rejects it, updates its channel message and refreshes the Home', async () => {
    const { run } = await requestRun(world.app, world, 'writer,amount,memo\nwriter.one@example.com,10,May');
    await world.drain();
    await openHome(world, FINANCE.two);
    await clickOnHome(
      world,
      FINANCE.two,
      homeButton(world, FINANCE.two, run.ref, ACTIONS.rejectBatch),
      ACTIONS.rejectBatch,
    );
    const modal = world.slack.views().find((view) => view.openedWith === 'views.open');
    expect(modal?.userId).toBe(FINANCE.two);
    await world.send.viewSubmission({
      userId: FINANCE.two,
      viewId: modal?.id,
      values: { [BATCH_REJECT_BLOCK]: { [BATCH_REJECT_INPUT]: 'Wrong month' } },
    });
    await world.drain();
    const posted = await storedRun(run.id);
    expect(posted.status).toBe('rejected');
    const message = renderMessageText(
      world.slack.message(FINANCE_CHANNEL, posted.slackMessage?.ts ?? '') ?? {},
    );
    expect(message).toContain('Wrong month');
    expect(message).not.toContain('[Approve]');
    expect(homeText(world, FINANCE.two)).toContain('Waiting for you (0)');
    expect(world.stripe.listTransfers()).toHaveLength(0);
  });
});
