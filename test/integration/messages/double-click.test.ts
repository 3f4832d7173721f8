import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { slash } from '../../support/finance';
import { startWorld, type World } from '../../support/world';

const INTERNAL = /submitting|succeeded|\bpending\b(?! at Stripe)/;

/** A second click on Approve is answered to the person who clicked, in the words the cards use. */
describe('clicking Approve on a request that is already approved', () => {
  let world: World;
  let ts: string;
  beforeAll(async () => {
    world = await startWorld();
    ts = await slash(world, FINANCE.one, '/topup', '500 Weekly');
  });
  afterAll(() => world.stop());

  const lastAnswer = (userId: string) => world.slack.ephemerals(userId).at(-1)?.text ?? '';
  /** A click on Approve from a client that still shows the button (a double click, a stale view). */
  const approve = async (userId: string) => {
    const id = String((await world.app.db.models.topups.findOne().lean())?._id);
    await world.send.blockAction({
      userId,
      actionId: ACTIONS.approveTopup,
      value: id,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
  };

  it('tells the approver "You already approved", with what it is now', async () => {
    await approve(FINANCE.two);
    expect(world.slack.ephemerals(FINANCE.two)).toHaveLength(0);
    await approve(FINANCE.two);
    const answer = lastAnswer(FINANCE.two);
    expect(answer).toMatch(
      /^You already approved TU-0001 <!date\^\d+\^[^>]*>\. It is now pending at Stripe\.$/,
    );
    expect(answer).not.toContain(`<@${FINANCE.two}>`);
    expect(answer).not.toMatch(INTERNAL);
  });

  it('names the approver to someone else, and follows the request to settled', async () => {
    await approve(FINANCE.three);
    expect(lastAnswer(FINANCE.three)).toMatch(
      new RegExp(
        `^<@${FINANCE.two}> <!date[^>]*> already approved TU-0001\\. It is now pending at Stripe\\.$`,
      ),
    );
    world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
    await world.drain();
    await approve(FINANCE.three);
    expect(lastAnswer(FINANCE.three)).toMatch(/already approved TU-0001\. It is now settled\.$/);
    expect(world.stripe.listTopups()).toHaveLength(1);
  });

  it('/payouts history says "settled" too: one set of words everywhere', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/payouts', text: 'history' });
    await world.drain();
    const history = lastAnswer(FINANCE.one);
    expect(history).toContain('*TU-0001* · $500.00 top-up Weekly · settled ·');
    expect(history).not.toMatch(INTERNAL);
  });
});
