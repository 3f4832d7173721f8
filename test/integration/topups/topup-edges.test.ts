import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';

async function requestTopup(world: World, text: string) {
  await world.send.command({ userId: FINANCE.one, command: '/topup', text });
  await world.drain();
  const message = world.slack.messages(FINANCE_CHANNEL).at(-1);
  if (!message) throw new Error('no request message');
  return message;
}

async function approve(world: World, ts: string, userId = FINANCE.two) {
  await world.send.blockAction({
    userId,
    actionId: ACTIONS.approveTopup,
    channelId: FINANCE_CHANNEL,
    messageTs: ts,
  });
  await world.drain();
}

function channelText(world: World): string[] {
  return world.slack.messages(FINANCE_CHANNEL).map((message) => renderMessageText(message));
}

describe('top-up edge cases', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  it.each([
    ['-5', "Couldn't request a top-up: `-5` isn't a positive dollar amount"],
    ['0', "`0` isn't a positive dollar amount"],
    ['12.345', '`12.345` has more than two decimal places'],
    ['lots', "`lots` isn't a dollar amount"],
    ['1e9', "`1e9` isn't a dollar amount"],
    ['$100,000.01', '`$100,000.01` is over the limit of $100,000.00'],
  ])('`/topup %s` gets its own clear message and stores nothing', async (text, expected) => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text });
    await world.drain();
    const answer = world.slack.ephemerals(FINANCE.one).at(-1)?.text ?? '';
    expect(answer).toContain(expected);
    expect(answer).toContain('Nothing was changed.');
    expect(await world.app.db.models.topups.countDocuments()).toBe(0);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(0);
  });

  it('refuses /topup from outside finance, storing nothing', async () => {
    await world.send.command({ userId: OUTSIDER, command: '/topup', text: '100 please' });
    await world.drain();
    expect(world.slack.ephemerals(OUTSIDER).at(-1)?.text).toContain('Only the finance team');
    expect(await world.app.db.models.topups.countDocuments()).toBe(0);
  });

  it('escapes what people typed so a description cannot ping the channel', async () => {
    const request = await requestTopup(world, '100 <!channel> & <@UFIN0002>');
    const description = JSON.stringify(request.blocks);
    expect(description).toContain('&lt;!channel&gt; &amp; &lt;@UFIN0002&gt;');
    expect(description).not.toContain('<!channel>');
  });

  it('the form checks the statement descriptor before anything is stored, then files the request', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '' });
    await world.drain();
    const modal = world.slack.views().at(-1);
    expect(modal?.view.callback_id).toBe('topup_request_modal');
    const values = (descriptor: string) => ({
      amount: { amount_input: '1,250.50' },
      description: { description_input: 'Weekly' },
      statement_descriptor: { statement_descriptor_input: descriptor },
    });
    const refused = await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: modal?.id,
      values: values('Weekly*top-up'),
    });
    expect(refused.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(refused.json)).toContain('may not contain');
    expect(await world.app.db.models.topups.countDocuments()).toBe(0);

    const accepted = await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: modal?.id,
      values: values('Weekly top-up'),
    });
    expect(accepted.status).toBe(200);
    await world.drain();
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored).toMatchObject({
      amountCents: 125050,
      statementDescriptor: 'Weekly top-up',
      status: 'requested',
    });
  });

  it('topup.succeeded before topup.created, and twice, leaves it succeeded with one alert', async () => {
    world.stripe.setAutoDeliver(false);
    const request = await requestTopup(world, '300 out of order');
    await approve(world, request.ts);
    const [topup] = world.stripe.listTopups();
    world.stripe.settleTopup(topup?.id as string);
    const created = world.stripe.events('topup.created')[0];
    const succeeded = world.stripe.events('topup.succeeded')[0];
    await world.stripe.deliver(succeeded?.id as string, { times: 2 });
    await world.stripe.deliver(created?.id as string);
    await world.drain();
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored?.status).toBe('succeeded');
    expect(channelText(world).filter((text) => /settled\*? —/.test(text))).toHaveLength(1);
  });

  it('a 500 Stripe stores for the key: Paydesk finds no top-up at Stripe and makes one with a new key', async () => {
    world.stripe.failNext(1, '500', { method: 'POST', path: /^\/v1\/topups$/ });
    const request = await requestTopup(world, '400 flaky');
    await approve(world, request.ts);
    expect(world.stripe.listTopups()).toHaveLength(1);
    const keys = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/v1/topups')
      .map((entry) => entry.idempotencyKey);
    // stripe-node's two retries get the stored 500 replayed; only then is a new key stored and sent.
    const first = keys[0] as string;
    expect(first).toMatch(/^topup:[a-f0-9]{24}$/);
    expect(keys).toEqual([first, first, first, `${first}~2`]);
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored?.status).toBe('pending');
    expect(stored?.idempotencyKey).toBe(`${first}~2`);
    expect(stored?.stripeTopupId).toBe(world.stripe.listTopups()[0]?.id);
  });

  it("a 429 that says don't retry leaves it submitting for the reconciler, never failed or doubled", async () => {
    world.stripe.failNext(1, '429-no-retry', { method: 'POST', path: /^\/v1\/topups$/ });
    const request = await requestTopup(world, '450 refused');
    await approve(world, request.ts);
    // 429 means "not decided": it stays submitting for the reconciler, never failed or doubled.
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('submitting');
    expect(world.stripe.listTopups()).toHaveLength(0);
  });

  it('topup.failed marks it failed, updates the message and alerts the requester with the reason', async () => {
    const request = await requestTopup(world, '600 will bounce');
    await approve(world, request.ts);
    const [topup] = world.stripe.listTopups();
    world.stripe.failTopup(topup?.id as string, 'insufficient_funds');
    await world.drain();
    const alert = channelText(world).find((text) => /failed at Stripe\*? —/.test(text));
    expect(alert).toContain('insufficient_funds');
    expect(alert).toContain('Nothing reached the balance');
    expect(
      renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === request.ts) ?? {}),
    ).toMatch(/Top-up TU-\d{4} · \$600\.00 · failed/);
  });

  it('Cancel top-up cancels it at Stripe while pending and removes the button', async () => {
    const request = await requestTopup(world, '700 cancel me');
    await approve(world, request.ts);
    await world.send.blockAction({
      userId: FINANCE.three,
      actionId: ACTIONS.cancelTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: request.ts,
    });
    await world.drain();
    expect(world.stripe.listTopups()[0]?.status).toBe('canceled');
    const text = renderMessageText(
      world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === request.ts) ?? {},
    );
    expect(text).toContain('cancelled');
    expect(text).not.toContain('[Cancel top-up]');
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('canceled');
  });

  it('/payouts balance shows available and pending balance and top-ups in flight', async () => {
    world.stripe.setAvailableBalance(15_000);
    const request = await requestTopup(world, '2000 in flight');
    await approve(world, request.ts);
    await world.send.command({ userId: FINANCE.one, command: '/payouts', text: 'balance' });
    await world.drain();
    const answer = world.slack.ephemerals(FINANCE.one).at(-1)?.text ?? '';
    expect(answer).toContain('USD: $150.00 available · $2,000.00 pending');
    expect(answer).toContain('by source: bank account $150.00 available, bank account $2,000.00 pending');
    expect(answer).toMatch(/TU-\d{4} · \$2,000\.00 · pending at Stripe · expected \w{3}, \w{3} \d+/);
  });
});
