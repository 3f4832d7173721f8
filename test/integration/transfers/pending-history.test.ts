import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

async function ask(world: World, userId: string, text: string): Promise<string> {
  await world.send.command({ userId, command: '/payouts', text });
  await world.drain();
  return world.slack.ephemerals(userId).at(-1)?.text ?? '';
}

describe('/payouts pending and /payouts history', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    await seedConnectedWriter(world, WRITER_TWO);
    for (const text of [
      `<@${WRITER.id}> 9 first`,
      `<@${WRITER_TWO.id}> 12 second`,
      `<@${WRITER.id}> 3 third`,
    ]) {
      await world.send.command({ userId: FINANCE.one, command: '/transfer', text });
      await world.drain();
    }
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '500 buffer' });
    await world.drain();
    const first = world.slack.messages(FINANCE_CHANNEL).find((message) => message.text.includes('$9.00'));
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTransfer,
      channelId: FINANCE_CHANNEL,
      messageTs: first?.ts as string,
    });
    await world.drain();
  });
  afterAll(() => world.stop());

  it('lists what waits for a decision, oldest first, and not what was decided', async () => {
    const answer = await ask(world, FINANCE.three, 'pending');
    const lines = answer.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/TR-\d{4}\* · \$12\.00 to <@UWRITER02> — second/);
    expect(lines[1]).toContain('$3.00');
    expect(lines[2]).toMatch(/TU-\d{4}\* · \$500\.00 top-up buffer/);
    expect(answer).not.toContain('— first');
  });

  it('shows recent transfers and top-ups with status and Stripe ids, or one writer only', async () => {
    const all = await ask(world, FINANCE.three, 'history');
    const paidId = world.stripe.listTransfers()[0]?.id as string;
    expect(all).toContain(`paid · `);
    expect(all).toContain(paidId);
    expect(all).toContain('$500.00 top-up buffer · waiting for approval');
    expect(all).not.toMatch(/· (requested|submitting|succeeded) ·/);
    const one = await ask(world, FINANCE.three, `history <@${WRITER_TWO.id}|writer.two>`);
    expect(one).toContain('Recent transfers to <@UWRITER02>');
    expect(one).toContain('$12.00');
    expect(one).not.toContain('$9.00');
  });

  it('refuses people outside finance', async () => {
    expect(await ask(world, OUTSIDER, 'pending')).toContain('Only the finance team');
    expect(await ask(world, OUTSIDER, 'history')).toContain('Only the finance team');
  });
});
