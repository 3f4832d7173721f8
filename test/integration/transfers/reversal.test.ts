import { addSeconds } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

describe('reversing a paid transfer', () => {
  let world: World;
  let ts: string;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    await world.send.command({
      userId: FINANCE.one,
      command: '/transfer',
      text: `<@${WRITER.id}> 9.00 Answers for May`,
    });
    await world.drain();
    ts = world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string;
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTransfer,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
  });
  afterEach(() => world.stop());

  const text = () => renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts) ?? {});
  const click = async (userId: string, actionId: string) => {
    await world.send.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs: ts });
    await world.drain();
  };
  const askToReverse = async (userId: string, amount: string, reason: string) => {
    await click(userId, ACTIONS.reverseTransfer);
    const modal = world.slack.views().at(-1);
    expect(modal?.view.callback_id).toBe('reverse_transfer_modal');
    const answer = await world.send.viewSubmission({
      userId,
      viewId: modal?.id,
      values: { amount: { amount_input: amount }, reason: { reason_input: reason } },
    });
    await world.drain();
    return answer;
  };

  it('partly, with a reason, approved by a second finance user: Stripe reverses once, finance and the writer are told', async () => {
    expect(text()).toContain('[Reverse…]');
    await askToReverse(FINANCE.one, '4.00', 'Paid one answer twice');
    expect(text()).toContain('Reversal of $4.00 requested by');
    expect(text()).toContain('[Approve reversal]');

    await click(FINANCE.one, ACTIONS.approveReversal);
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toContain(
      'someone else in finance has to approve it',
    );
    await click(OUTSIDER, ACTIONS.approveReversal);
    expect(world.slack.ephemerals(OUTSIDER).at(-1)?.text).toContain('Only the finance team');
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);

    await Promise.all([
      click(FINANCE.two, ACTIONS.approveReversal),
      click(FINANCE.three, ACTIONS.approveReversal),
    ]);
    const transfer = world.stripe.listTransfers()[0];
    expect(transfer?.amount_reversed).toBe(400);
    expect(transfer?.reversals?.data).toHaveLength(1);
    expect(text()).toContain('$4.00 reversed');
    expect(text()).toContain('[Reverse…]');
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .map((m) => renderMessageText(m))
      .filter((t) => /reversed\*? —/.test(t));
    expect(alerts).toHaveLength(1);
    const dms = world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => renderMessageText(m));
    expect(dms.filter((dm) => dm.includes('$4.00 of your $9.00 payment'))).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored).toMatchObject({ status: 'paid', amountReversedCents: 400, reversalRequest: null });
  });

  it('in full: the transfer ends reversed and cannot be reversed again', async () => {
    await askToReverse(FINANCE.one, '', 'Wrong writer');
    await click(FINANCE.two, ACTIONS.approveReversal);
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(900);
    expect((await world.app.db.models.transfers.findOne().lean())?.status).toBe('reversed');
    expect(text()).not.toContain('[Reverse…]');
  });

  it('when Stripe does not answer, the approval stands and the reconciler finishes it once', async () => {
    await askToReverse(FINANCE.one, '3.00', 'Partly wrong');
    // stripe-node tries three times (maxNetworkRetries 2): a 500 Stripe stores, replayed twice; Paydesk
    // finds no reversal, stores a new key, and that one fails the same way.
    world.stripe.failNext(6, '500', { method: 'POST', path: /\/reversals$/ });
    await click(FINANCE.two, ACTIONS.approveReversal);
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain(
      'Stripe did not answer about reversing TR-0001',
    );
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);
    expect((await world.app.db.models.transfers.findOne().lean())?.reversalRequest?.approvedBy).toBe(
      FINANCE.two,
    );

    const services = world.app.services;
    const report = await reconcileOnce(
      { topups: services.topupDeps, transfers: services.transferDeps },
      addSeconds(new Date(), 120),
    );
    await world.drain();
    expect(report.reversals).toEqual(['TR-0001']);
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(300);
    const keys = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && /\/reversals$/.test(entry.path))
      .map((entry) => entry.idempotencyKey);
    // The first key, its renewal after the replayed 500, and the reconciler's renewal: one reversal.
    const id = (await world.app.db.models.transfers.findOne().lean())?._id;
    const first = keys[0] as string;
    expect(first).toMatch(new RegExp(`^reversal:${id}:[0-9a-f-]{36}$`));
    expect([...new Set(keys)]).toEqual([first, `${first}~2`, `${first}~3`]);
    expect(world.stripe.listTransfers()[0]?.reversals.data).toHaveLength(1);
    expect(await world.app.db.models.transfers.findOne().lean()).toMatchObject({
      amountReversedCents: 300,
      reversalRequest: null,
    });
    expect(
      (
        await reconcileOnce(
          { topups: services.topupDeps, transfers: services.transferDeps },
          addSeconds(new Date(), 240),
        )
      ).reversals,
    ).toEqual([]);
  });

  it('a reversal Stripe refuses ends that attempt: asking again for another amount gets a new key and goes through', async () => {
    // Someone reversed $6.00 in Stripe's dashboard, and its webhook never reached Paydesk.
    world.stripe.setAutoDeliver(false);
    const stripeTransferId = world.stripe.listTransfers()[0]?.id as string;
    await world.app.services.transferDeps.stripe.createReversal(
      stripeTransferId,
      { amountCents: 600, reason: 'dashboard' },
      'dashboard-reversal-1',
    );
    await askToReverse(FINANCE.one, '9.00', 'All of it');
    await click(FINANCE.two, ACTIONS.approveReversal);
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toMatch(
      /^Stripe refused to reverse TR-0001: .+ Nothing was reversed; once that is fixed, ask again/,
    );
    expect(text()).toContain('[Reverse…]');
    expect(text()).not.toContain('[Approve reversal]');

    await askToReverse(FINANCE.one, '3.00', 'The rest');
    await click(FINANCE.two, ACTIONS.approveReversal);
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(900);
    const keys = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && /\/reversals$/.test(entry.path))
      .map((entry) => entry.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(stored).toMatchObject({ amountReversedCents: 300, reversalRequest: null });
    const services = world.app.services;
    const report = await reconcileOnce(
      { topups: services.topupDeps, transfers: services.transferDeps },
      addSeconds(new Date(), 120),
    );
    expect(report.reversals).toEqual([]);
  });

  it('a reversal recorded just before a crash is still announced once when its event is processed again', async () => {
    world.stripe.setAutoDeliver(false);
    const deps = world.app.services.transferDeps;
    const stripeTransferId = world.stripe.listTransfers()[0]?.id as string;
    const reversal = await deps.stripe.createReversal(
      stripeTransferId,
      { amountCents: 300, reason: 'dashboard' },
      'dashboard-reversal-crash',
    );
    // What a replica that died between recording the reversal and queueing its news left behind.
    const stored = await world.app.db.models.transfers.findOne().lean();
    await deps.transfers.recordReversal(String(stored?._id), {
      stripeReversalId: reversal.id,
      amountCents: 300,
      reason: 'Reversed at Stripe',
      requestedBy: null,
      approvedBy: null,
      at: new Date(),
    });
    const event = world.stripe.events('transfer.reversed').at(-1);
    if (!event) throw new Error('the simulator emitted no transfer.reversed');
    await world.stripe.deliver(event.id);
    await world.drain();
    await world.stripe.deliver(event.id);
    await world.drain();

    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .map((m) => renderMessageText(m))
      .filter((t) => /reversed\*? —/.test(t) && t.includes('$3.00'));
    expect(alerts).toHaveLength(1);
    const dms = world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => renderMessageText(m));
    expect(dms.filter((dm) => dm.includes('$3.00 of your $9.00 payment'))).toHaveLength(1);
    expect(text()).toContain('$3.00 reversed');
  });

  it('a reversal recorded but never announced, with no event coming again, is announced once by the reconciler', async () => {
    world.stripe.setAutoDeliver(false);
    const deps = world.app.services.transferDeps;
    const stored = await world.app.db.models.transfers.findOne().lean();
    await deps.transfers.recordReversal(String(stored?._id), {
      stripeReversalId: 'trr_crashed_before_news',
      amountCents: 200,
      reason: 'Reversed at Stripe',
      requestedBy: null,
      approvedBy: null,
      at: new Date(),
    });
    const services = world.app.services;
    for (let pass = 0; pass < 2; pass += 1) {
      await reconcileOnce(
        { topups: services.topupDeps, transfers: services.transferDeps },
        addSeconds(new Date(), 600),
      );
      await world.drain();
    }
    const dms = world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => renderMessageText(m));
    expect(dms.filter((dm) => dm.includes('$2.00 of your $9.00 payment'))).toHaveLength(1);
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .map((m) => renderMessageText(m))
      .filter((t) => /reversed\*? —/.test(t) && t.includes('$2.00'));
    expect(alerts).toHaveLength(1);
  });

  it('refuses more than is left, and "Keep the payment" withdraws the request', async () => {
    // Said inside the form, next to the amount, which stays as typed.
    const tooMuch = await askToReverse(FINANCE.one, '10.00', 'Too much');
    expect(tooMuch.json).toEqual({
      response_action: 'errors',
      errors: { amount: 'Only $9.00 of TR-0001 can still be reversed.' },
    });
    expect((await world.app.db.models.transfers.findOne().lean())?.reversalRequest).toBeNull();
    await askToReverse(FINANCE.one, '2', 'Second thoughts');
    await click(FINANCE.three, ACTIONS.rejectReversal);
    expect(text()).not.toContain('Reversal of');
    expect((await world.app.db.models.transfers.findOne().lean())?.reversalRequest).toBeNull();
    expect(world.stripe.listTransfers()[0]?.amount_reversed).toBe(0);
  });
});
