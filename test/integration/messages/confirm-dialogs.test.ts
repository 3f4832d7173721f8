import { findActionElement } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, requestReversal, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { requestRun } from '../batch/helpers';

type Dialog = { title: { text: string }; text: { type: string; text: string }; style?: string };

/** The confirm dialog Slack would show before the click on `actionId`, as the app posted it. */
function dialogOn(world: World, ts: string, actionId: string): Dialog | undefined {
  const message = world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts);
  const found = findActionElement((message?.blocks ?? []) as unknown[], actionId);
  if (!found) throw new Error(`no ${actionId} button on the message`);
  return found.element.confirm as Dialog | undefined;
}

/** Big or irreversible clicks ask first, in the messages Paydesk really posts and updates. */
describe('confirm dialogs in the finance channel', () => {
  let world: World;
  beforeAll(async () => {
    // Above $10.00 a request needs two approvals (and so a confirm on Approve).
    world = await startWorld({ env: { DUAL_APPROVAL_ABOVE_CENTS: '1000' } });
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
  });
  afterAll(() => world.stop());

  it('Approve on a transfer above the dual-approval threshold names the amount and the writer; a small one does not ask', async () => {
    const big = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 25 Big answers`);
    const dialog = dialogOn(world, big, ACTIONS.approveTransfer);
    expect(dialog?.title.text).toBe(`Pay $25.00 to ${WRITER.name}?`);
    expect(dialog?.text.text).toMatch(
      /^TR-\d{4}: \$25\.00 to writer\.one's Stripe account \(Big answers\)\./,
    );
    const small = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 5 Small`);
    expect(dialogOn(world, small, ACTIONS.approveTransfer)).toBeUndefined();
  });

  it('Approve on a big top-up asks, and so does Cancel top-up once Stripe has it', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '20 Weekly');
    expect(dialogOn(world, ts, ACTIONS.approveTopup)?.title.text).toBe('Approve $20.00 top-up?');
    await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
    await click(world, FINANCE.three, ACTIONS.approveTopup, ts);
    const cancel = dialogOn(world, ts, ACTIONS.cancelTopup);
    expect(cancel?.title.text).toBe('Cancel the $20.00 top-up?');
    expect(cancel?.style).toBe('danger');
  });

  it('Approve reversal states how much comes back, from whom, and the reason the writer will read', async () => {
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 May`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    await requestReversal(world, FINANCE.one, ts, '4', 'Paid one answer twice');
    const dialog = dialogOn(world, ts, ACTIONS.approveReversal);
    expect(dialog?.title.text).toBe(`Take back $4.00 from ${WRITER.name}?`);
    expect(dialog?.text.text).toContain('"Paid one answer twice"');
  });

  it('Approve on a payout run states its total and how many writers it pays', async () => {
    const { run } = await requestRun(world.app, world, `writer,amount\n${WRITER.email},3.00`);
    await world.drain();
    const dialog = dialogOn(world, run.slackMessage?.ts as string, ACTIONS.approveBatch);
    expect(dialog?.title.text).toBe('Pay $3.00 to 1 writer?');
    expect(dialog?.text.text).toMatch(/^PR-\d{4}: 1 line, \$3\.00 in total/);
  });
});
