import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, requestReversal, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { approve, requestRun, seedWriters, waitForRun } from '../batch/helpers';

/** `/payouts pending` shows everything not settled: payout runs and reversals, not only top-ups and transfers. */
describe('/payouts pending', () => {
  let world: World;
  let answer: string;
  beforeAll(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    // A paid transfer with a reversal asked for.
    const paid = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 May answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, paid);
    await requestReversal(world, FINANCE.one, paid, '4', 'Paid one answer twice');
    // A top-up and a payout run waiting for approval.
    await slash(world, FINANCE.one, '/topup', '500 buffer');
    const writers = await seedWriters(world, 3, 'P');
    const csv = (cents: string) => ['writer,amount', ...writers.map((w) => `${w.email},${cents}`)].join('\n');
    await requestRun(world.app, world, csv('2.00'));
    // A run paused for balance after its first line.
    world.stripe.setAvailableBalance(500);
    const { run } = await requestRun(world.app, world, csv('4.00'));
    await approve(world, run);
    await waitForRun(world.app, run.id, ['paused']);
    await world.drain();
    await world.send.command({ userId: FINANCE.three, command: '/payouts', text: 'pending' });
    await world.drain();
    answer = world.slack.ephemerals(FINANCE.three).at(-1)?.text ?? '';
  }, 60_000);
  afterAll(() => world.stop());

  it('lists the waiting top-up and payout run together, oldest first', () => {
    const waiting = answer.split('\n\n')[0]?.split('\n') ?? [];
    expect(waiting[0]).toBe('*Waiting for a decision* (oldest first)');
    expect(waiting[1]).toMatch(/^\*TU-0001\* · \$500\.00 top-up buffer · requested by <@UFIN0001>/);
    expect(waiting[2]).toMatch(
      /^\*PR-0001\* · payout run · 3 lines · \$6\.00 · requested by <@UFIN0001> .* Needs 1 approval/,
    );
    expect(waiting).toHaveLength(3);
  });

  it('lists the reversal waiting for a second approver, with its reason', () => {
    expect(answer).toContain('*Reversals waiting*');
    expect(answer).toMatch(
      /\*TR-0001\* · reverse \$4\.00 of \$9\.00 paid to <@UWRITER01> — Paid one answer twice · asked by <@UFIN0001> .* needs approval from someone else in finance/,
    );
  });

  it('lists the paused run with why it stopped and how far it got', () => {
    expect(answer).toContain('*Payout runs under way*');
    expect(answer).toMatch(
      /\*PR-0002\* · payout run · 3 lines · \$12\.00 · paused \(not enough balance; Resume once a top-up settles\) — 1 \/ 3 paid — \$4\.00 — 0 failed/,
    );
  });
});

describe('/payouts pending with more waiting than it lists', () => {
  it('lists the oldest 50 top-ups, says more are waiting, and still shows the runs under way', async () => {
    const world = await startWorld();
    try {
      world.stripe.setAvailableBalance(500);
      const writers = await seedWriters(world, 3, 'M');
      const csv = ['writer,amount', ...writers.map((w) => `${w.email},4.00`)].join('\n');
      const { run } = await requestRun(world.app, world, csv);
      await approve(world, run);
      await waitForRun(world.app, run.id, ['paused']);
      for (let i = 1; i <= 51; i += 1) {
        await world.send.command({ userId: FINANCE.one, command: '/topup', text: `${i} buffer ${i}` });
      }
      await world.drain();
      await world.send.command({ userId: FINANCE.three, command: '/payouts', text: 'pending' });
      await world.drain();
      const answer = world.slack.ephemerals(FINANCE.three).at(-1)?.text ?? '';
      const topups = answer.split('\n').filter((line) => /^\*TU-\d+\* · /.test(line));
      expect(topups).toHaveLength(50);
      expect(topups[0]).toMatch(/^\*TU-0001\* · \$1\.00 top-up/);
      expect(answer).not.toContain('*TU-0051*');
      expect(answer).toContain(
        '_More top-ups are waiting than fit here: the oldest 50 of each are listed. Deciding these brings the next ones up._',
      );
      expect(answer).toMatch(
        /\*Payout runs under way\*\n\*PR-0001\* · payout run · 3 lines · \$12\.00 · paused/,
      );
    } finally {
      await world.stop();
    }
  }, 90_000);
});
