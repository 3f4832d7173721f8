import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

async function requestTransfer(world: World, text: string, userId = FINANCE.one) {
  const before = world.slack.messages(FINANCE_CHANNEL).length;
  await world.send.command({ userId, command: '/transfer', text });
  await world.drain();
  const messages = world.slack.messages(FINANCE_CHANNEL);
  return messages.length > before ? messages.at(-1) : undefined;
}

async function click(world: World, userId: string, actionId: string, ts: string, replica = 0) {
  const sender = world.senders[replica] ?? world.send;
  await sender.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs: ts });
}

function messageText(world: World, ts: string): string {
  return renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts) ?? {});
}

function writerDms(world: World, userId: string): string[] {
  return world.slack.messages(world.slack.dmChannelOf(userId)).map((m) => renderMessageText(m));
}

async function settledTopup(world: World, dollars: string) {
  await world.send.command({ userId: FINANCE.one, command: '/topup', text: dollars });
  await world.drain();
  const request = world.slack.messages(FINANCE_CHANNEL).at(-1);
  await click(world, FINANCE.two, ACTIONS.approveTopup, request?.ts as string);
  await world.drain();
  const topup = world.stripe.listTopups().at(-1);
  world.stripe.settleTopup(topup?.id as string);
  await world.drain();
}

describe('transfers to writers', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ replicas: 2 });
  });
  afterEach(() => world.stop());

  it('the seed example: $9.00 after a settled top-up, approved, paid once, writer told, balances moved', async () => {
    const writer = await seedConnectedWriter(world, WRITER);
    await settledTopup(world, '2000 Top-up for week of May 31');
    expect(world.stripe.getBalance().available).toBe(200_000);

    const request = await requestTransfer(world, `<@${WRITER.id}|writer.one> $9.00 Answers for May`);
    expect(request).toBeDefined();
    const requestText = renderMessageText(request ?? {});
    expect(requestText).toMatch(/Transfer request TR-\d{4} · \$9\.00 to/);
    expect(requestText).toContain('Answers for May');
    expect(requestText).toContain(writer.stripeAccountId as string);
    expect(requestText).toContain('[Approve]');

    await click(world, FINANCE.two, ACTIONS.approveTransfer, request?.ts as string);
    await world.drain();

    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(1);
    const stored = await world.app.db.models.transfers.findOne().lean();
    expect(transfers[0]).toMatchObject({
      amount: 900,
      destination: writer.stripeAccountId,
      transfer_group: stored?._id.toString(),
    });
    expect(world.stripe.getBalance().available).toBe(200_000 - 900);
    expect(world.stripe.getBalance(writer.stripeAccountId as string).available).toBe(900);

    const paidText = messageText(world, request?.ts as string);
    expect(paidText).toMatch(/TR-\d{4} paid/);
    expect(paidText).toContain(transfers[0]?.id);
    expect(paidText).not.toContain('[Approve]');
    const dms = writerDms(world, WRITER.id);
    expect(dms.some((text) => /You were paid \*?\$9\.00\*? — Answers for May/.test(text))).toBe(true);
  });

  it('insufficient balance fails with the explanation, and after a top-up settles Retry pays exactly once', async () => {
    await seedConnectedWriter(world, WRITER);
    world.stripe.setAvailableBalance(12_000);
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '2000 weekly' });
    await world.drain();
    const topupMessage = world.slack.messages(FINANCE_CHANNEL).at(-1);
    await click(world, FINANCE.two, ACTIONS.approveTopup, topupMessage?.ts as string);
    await world.drain();

    const request = await requestTransfer(world, `<@${WRITER.id}> 500 May answers`);
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toContain(
      'Heads up: the available balance is $120.00',
    );
    await click(world, FINANCE.two, ACTIONS.approveTransfer, request?.ts as string);
    await world.drain();
    const failedText = messageText(world, request?.ts as string);
    expect(failedText).toContain('Failed: not enough available balance.');
    expect(failedText).toContain('Available $120.00, needed $500.00');
    expect(failedText).toMatch(/\$2,000\.00 of it from TU-\d{4}, expected \w{3}, \w{3} \d+/);
    expect(failedText).toContain('[Retry]');
    expect(world.stripe.listTransfers()).toHaveLength(0);

    world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
    await world.drain();
    await Promise.all([
      click(world, FINANCE.two, ACTIONS.retryTransfer, request?.ts as string, 0),
      click(world, FINANCE.three, ACTIONS.retryTransfer, request?.ts as string, 1),
    ]);
    await world.drain();
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect(world.stripe.listTransfers()[0]?.amount).toBe(50_000);
    const attempts = await world.app.db.models.transfers.find().sort({ attempt: 1 }).lean();
    expect(attempts.map((t) => [t.attempt, t.status])).toEqual([
      [1, 'failed'],
      [2, 'paid'],
    ]);
    expect(new Set(attempts.map((t) => t.idempotencyKey)).size).toBe(2);
    expect(messageText(world, request?.ts as string)).toMatch(/paid/);
  });

  it('20 parallel approvals across two replicas make one transfer; self and outside approvals are refused', async () => {
    await seedConnectedWriter(world, WRITER);
    world.stripe.setAvailableBalance(100_000);
    const request = await requestTransfer(world, `<@${WRITER.id}> 25 parallel`);
    await click(world, FINANCE.one, ACTIONS.approveTransfer, request?.ts as string);
    await click(world, OUTSIDER, ACTIONS.approveTransfer, request?.ts as string);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toMatch(/You requested TR-\d{4}/);
    expect(world.slack.ephemerals(OUTSIDER).at(-1)?.text).toContain('Only the finance team');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        click(
          world,
          i % 2 ? FINANCE.two : FINANCE.three,
          ACTIONS.approveTransfer,
          request?.ts as string,
          i % 2,
        ),
      ),
    );
    await world.drain();
    expect(world.stripe.listTransfers()).toHaveLength(1);
    expect(world.stripe.countRequests({ method: 'POST', path: '/v1/transfers' })).toBe(1);
  });

  it('refuses a transfer to a restricted writer at request time, and at approval if they became restricted since', async () => {
    await seedConnectedWriter(world, WRITER_TWO, { status: 'restricted' });
    await requestTransfer(world, `<@${WRITER_TWO.id}> 10 nope`);
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toMatch(
      /restricted .* until they provide: external_account/,
    );
    expect(await world.app.db.models.transfers.countDocuments()).toBe(0);

    const writer = await seedConnectedWriter(world, WRITER);
    world.stripe.setAvailableBalance(100_000);
    const request = await requestTransfer(world, `<@${WRITER.id}> 10 later restricted`);
    world.stripe.restrictAccount(writer.stripeAccountId as string, ['individual.dob.day']);
    await world.drain();
    await click(world, FINANCE.two, ACTIONS.approveTransfer, request?.ts as string);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toMatch(/Can't approve TR-\d{4}: .*restricted/);
    expect(world.stripe.listTransfers()).toHaveLength(0);
    expect((await world.app.db.models.transfers.findOne().lean())?.status).toBe('requested');
  });

  it('refuses unknown writers, bad amounts and amounts over the maximum, storing nothing', async () => {
    await seedConnectedWriter(world, WRITER);
    const cases: [string, RegExp][] = [
      [`<@UNOBODY01> 10`, /isn't a writer yet; invite them first/],
      [`<@${WRITER.id}> -3`, /`-3` isn't a positive dollar amount/],
      [`<@${WRITER.id}> 5,000.01`, /is over the limit of \$5,000\.00/],
      [`writer 10`, /`writer` isn't a Slack mention of a writer/],
      [`<@${WRITER.id}>`, /say how much/],
    ];
    for (const [text, expected] of cases) {
      await requestTransfer(world, text);
      const answer = world.slack.ephemerals(FINANCE.one).at(-1)?.text ?? '';
      expect(answer).toMatch(expected);
      expect(answer).toContain('Nothing was changed.');
    }
    expect(await world.app.db.models.transfers.countDocuments()).toBe(0);
  });
});
