import { findActionElement, renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';

async function requestTopup(world: World, text: string, userId = FINANCE.one) {
  await world.send.command({ userId, command: '/topup', text });
  await world.drain();
  const messages = world.slack.messages(FINANCE_CHANNEL);
  const message = messages[messages.length - 1];
  if (!message) throw new Error('no request message was posted');
  return message;
}

async function click(
  world: World,
  userId: string,
  actionId: string,
  messageTs: string,
  replica = 0,
  value?: string,
) {
  const sender = world.senders[replica] ?? world.send;
  const result = await sender.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs, value });
  expect(result.status).toBe(200);
}

function requestMessageText(world: World, ts: string): string {
  const message = world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts);
  return message ? renderMessageText(message) : '';
}

describe('top-ups, from request to settled', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ replicas: 2 });
    world.stripe.setAvailableBalance(15_000);
  });
  afterEach(() => world.stop());

  it('the seed example: request, approval by a second finance user, one Stripe top-up, settlement alert', async () => {
    const request = await requestTopup(world, '2000 Top-up for week of May 31');
    const confirmation = world.slack.ephemerals(FINANCE.one)[0]?.text ?? '';
    expect(confirmation).toMatch(/Requested TU-\d{4}: a top-up of \$2,000\.00/);
    const requestText = renderMessageText(request);
    expect(requestText).toContain('$2,000.00');
    expect(requestText).toContain('Top-up for week of May 31');
    expect(requestText).toContain('Balance now: $150.00 available');
    expect(requestText).toContain('[Approve]');
    expect(requestText).toContain('[Reject]');

    await click(world, FINANCE.two, ACTIONS.approveTopup, request.ts);
    await world.drain();

    const topups = world.stripe.listTopups();
    expect(topups).toHaveLength(1);
    expect(topups[0]).toMatchObject({
      amount: 200_000,
      currency: 'usd',
      description: 'Top-up for week of May 31',
    });
    const pendingText = requestMessageText(world, request.ts);
    expect(pendingText).toContain('pending at Stripe');
    expect(pendingText).toContain(topups[0]?.id);
    expect(pendingText).toContain('[Cancel top-up]');
    expect(pendingText).not.toContain('[Approve]');

    world.stripe.settleTopup(topups[0]?.id as string);
    await world.drain();

    const channel = world.slack.messages(FINANCE_CHANNEL).map((m) => renderMessageText(m));
    const alerts = channel.filter((text) => text.includes('settled'));
    expect(alerts.some((text) => /TU-\d{4} settled.*\$2,000\.00 is now available/s.test(text))).toBe(true);
    expect(alerts.some((text) => text.includes('Available balance: $2,150.00'))).toBe(true);
    expect(alerts.some((text) => /took \d+ business days?/.test(text))).toBe(true);
    expect(requestMessageText(world, request.ts)).not.toContain('[Cancel top-up]');

    const actions = (await world.app.services.audit.latest(20)).map((entry) => entry.action).reverse();
    expect(actions).toEqual(['topup.requested', 'topup.approved', 'topup.submitted', 'topup.succeeded']);
  });

  it('20 parallel Approve clicks across two replicas produce exactly one Stripe top-up', async () => {
    const request = await requestTopup(world, '$500 parallel');
    const approvers = [FINANCE.two, FINANCE.three];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        click(world, approvers[i % 2] as string, ACTIONS.approveTopup, request.ts, i % 2),
      ),
    );
    await world.drain();
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.stripe.countRequests({ method: 'POST', path: '/v1/topups' })).toBe(1);
    // Everyone who lost the race was told who won, never silently ignored: the winner's own later
    // clicks hear "You already approved", the other approver hears the winner's name.
    const told = [...world.slack.ephemerals(FINANCE.two), ...world.slack.ephemerals(FINANCE.three)];
    expect(told).toHaveLength(19);
    const winner = (await world.app.db.models.topups.findOne().lean())?.approvals[0]?.userId as string;
    const loser = winner === FINANCE.two ? FINANCE.three : FINANCE.two;
    for (const answer of world.slack.ephemerals(winner))
      expect(answer.text).toMatch(/^You already approved TU-\d{4} /);
    for (const answer of world.slack.ephemerals(loser))
      expect(answer.text).toMatch(new RegExp(`^<@${winner}> .* already approved TU-\\d{4}\\. It is now `));
    expect(told.some((answer) => /submitting|succeeded/.test(answer.text))).toBe(false);
  });

  it("refuses the requester's own click, a click from outside finance, and a click after rejection", async () => {
    const request = await requestTopup(world, '750 four eyes');
    await click(world, FINANCE.one, ACTIONS.approveTopup, request.ts);
    await click(world, OUTSIDER, ACTIONS.approveTopup, request.ts);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.one).at(-1)?.text).toMatch(
      /You requested TU-\d{4}, so someone else in finance has to approve it/,
    );
    expect(world.slack.ephemerals(OUTSIDER).at(-1)?.text).toContain(
      'Only the finance team can approve payouts',
    );

    await click(world, FINANCE.two, ACTIONS.rejectTopup, request.ts);
    await world.drain();
    const modal = world.slack.views().at(-1);
    expect(modal?.view.callback_id).toBe('reject_reason_modal');
    const submitted = await world.send.viewSubmission({
      userId: FINANCE.two,
      viewId: modal?.id,
      values: { reason: { reason_input: 'Wrong bank account' } },
    });
    expect(submitted.status).toBe(200);
    await world.drain();
    expect(requestMessageText(world, request.ts)).toContain('Rejected by');
    expect(requestMessageText(world, request.ts)).toContain('Wrong bank account');
    expect(requestMessageText(world, request.ts)).not.toContain('[Approve]');

    // A stale client still showing the old buttons clicks Approve.
    const requestId = findActionElement(request.blocks, ACTIONS.approveTopup)?.element.value as
      | string
      | undefined;
    await click(world, FINANCE.three, ACTIONS.approveTopup, request.ts, 0, requestId);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toMatch(
      new RegExp(`^<@${FINANCE.two}> already rejected TU-\\d{4} .*Wrong bank account`),
    );
    expect(world.stripe.listTopups()).toHaveLength(0);
  });

  it('above the dual-approval threshold one approval leaves it waiting and a second distinct approver triggers it', async () => {
    const request = await requestTopup(world, '$10,000.01 big one');
    expect(renderMessageText(request)).toContain('Needs 2 approvals');
    await click(world, FINANCE.two, ACTIONS.approveTopup, request.ts);
    await world.drain();
    expect(world.stripe.listTopups()).toHaveLength(0);
    expect(requestMessageText(world, request.ts)).toContain('waiting for one more');
    await click(world, FINANCE.two, ACTIONS.approveTopup, request.ts);
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toContain('You already approved');
    expect(world.stripe.listTopups()).toHaveLength(0);
    await click(world, FINANCE.three, ACTIONS.approveTopup, request.ts);
    await world.drain();
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.stripe.listTopups()[0]?.amount).toBe(1_000_001);
  });
});
