import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, requestReversal, slash } from '../../support/finance';
import { startWorld, type World } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { approve as approveRun, requestRun, waitForRun } from '../batch/helpers';

/** Separation of duties: a finance member may be paid, never by their own approval. */
describe('four eyes against self-dealing', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(1_000_000);
    // fin.two is also a writer, connected to Stripe like any other.
    await seedConnectedWriter(world, { id: FINANCE.two, email: 'fin.two@example.com', name: 'fin.two' });
  });
  afterEach(() => world.stop());

  const lastAnswer = (userId: string) => world.slack.ephemerals(userId).at(-1)?.text ?? '';
  const messageText = (ts: string) =>
    renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts) ?? {});

  it('a transfer to a finance member: they cannot approve it, someone else can', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${FINANCE.two}> 450 Consulting`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    expect(lastAnswer(FINANCE.two)).toBe(
      "You can't approve TR-0001 because it pays you; someone else in finance has to approve it.",
    );
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect((await world.app.db.models.transfers.findOne().lean())?.approvals).toEqual([]);

    await click(world, FINANCE.three, ACTIONS.approveTransfer, ts);
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect(messageText(ts)).toContain(`Approved by @${FINANCE.three}`);
  });

  it('a reversal of a payment to a finance member: they cannot approve it, someone else can', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${FINANCE.two}> 450 Consulting`);
    await click(world, FINANCE.three, ACTIONS.approveTransfer, ts);
    await requestReversal(world, FINANCE.one, ts, '50', 'Overpaid');
    await click(world, FINANCE.two, ACTIONS.approveReversal, ts);
    expect(lastAnswer(FINANCE.two)).toBe(
      "You can't approve the reversal of TR-0001 because that payment was to you; someone else in finance has to approve it.",
    );
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);

    await click(world, FINANCE.three, ACTIONS.approveReversal, ts);
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(5000);
  });

  it('a payout run with a line for a finance member: they cannot approve the run, someone else can', async () => {
    const { run } = await requestRun(
      world.app,
      world,
      'writer,amount,memo\nwriter.one@example.com,10,May\nfin.two@example.com,20,May',
    );
    await approveRun(world, run, FINANCE.two);
    await world.drain();
    expect(lastAnswer(FINANCE.two)).toMatch(/^You can't approve PR-\d{4} because line \d pays you; /);
    expect((await world.app.services.batchDeps.runs.loadHeader(run.id))?.status).toBe('requested');

    await approveRun(world, run, FINANCE.three);
    await waitForRun(world.app, run.id, ['completed']);
    expect(world.stripe.listTransfers().map((t) => t.amount)).toContain(2000);
  });

  it('matches the payee by email too: a writer record on another Slack account with your email', async () => {
    await seedConnectedWriter(world, { id: 'UALT00001', email: 'FIN.THREE@example.com', name: 'fin.alt' });
    const ts = await slash(world, FINANCE.one, '/transfer', '<@UALT00001> 120 Side job');
    await click(world, FINANCE.three, ACTIONS.approveTransfer, ts);
    expect(lastAnswer(FINANCE.three)).toContain('because it pays you');
    expect(world.stripe.listTransfers()).toHaveLength(0);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    expect(world.stripe.listTransfers()).toHaveLength(1);
  });
});

describe('approvals that cannot happen as configured', () => {
  it('dual approval with two finance members: the request says so, and start-up warned', async () => {
    const logs: string[] = [];
    const world = await startWorld({
      env: { FINANCE_USER_IDS: `${FINANCE.one},${FINANCE.two}`, DUAL_APPROVAL_ABOVE_CENTS: '10000' },
      logTo: { write: (line) => logs.push(line) },
    });
    try {
      expect(logs.join('\n')).toContain(
        'DUAL_APPROVAL_ABOVE_CENTS=10000 asks for two approvers besides the requester, but the finance set has 2 members',
      );
      const big = await slash(world, FINANCE.one, '/topup', '500 Needs two');
      const text = renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === big) ?? {});
      expect(text).toContain("This can't be approved as configured:");
      expect(text).toContain(
        `it needs 2 approvers other than the requester and whoever it pays, and only @${FINANCE.two} is`,
      );
      const small = await slash(world, FINANCE.one, '/topup', '50 Needs one');
      expect(
        renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === small) ?? {}),
      ).not.toContain("can't be approved as configured");
    } finally {
      await world.stop();
    }
  });
});
