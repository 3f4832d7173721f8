import { TZDate } from '@date-fns/tz';
import { renderMessageText } from '../../../sandbox/slack';
import { reminderDeps, startReminders } from '../../../src/app/reminders';
import { expireStaleRuns } from '../../../src/domain/batch/expire-runs';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { sendReminders } from '../../../src/domain/reminders/send-reminders';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, requestReversal, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { requestRun, seedWriters } from '../batch/helpers';

/** A wall-clock time in New York, the default REPORTING_TIME_ZONE, whose business hours reminders keep. */
const at = (day: string, hour: number, minute = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, 'America/New_York').getTime());
};

/** Friday Nov 20, 2026, 10:00: requests made now expire a week later, the day after Thanksgiving. */
const FRIDAY = at('2026-11-20', 10);

describe('reminders to approvers', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = FRIDAY;
    world = await startWorld({ clock: () => now, replicas: 2 });
    world.stripe.setAvailableBalance(100_000);
  });
  afterEach(() => world.stop());

  const dmTexts = (userId: string) =>
    world.slack
      .messages(world.slack.dmChannelOf(userId))
      .map((message) => renderMessageText(message, { userName: (id) => world.slack.user(id)?.name }));
  const about = (userId: string, ref: string) => dmTexts(userId).filter((text) => text.includes(ref));

  /** One reminders pass on a replica at `when`, then the outbox delivers what it queued. */
  async function passAt(when: Date, replica = 0) {
    now = when;
    const report = await sendReminders(reminderDeps((world.apps[replica] ?? world.app).services));
    await world.drain();
    return report;
  }

  it('nudges after four business hours, once a business day, never on weekends or holidays, with a last warning; the requester hears of the expiry', async () => {
    await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');

    await passAt(at('2026-11-20', 13, 59));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(0);

    await passAt(at('2026-11-20', 14));
    const [first] = about(FINANCE.two, 'TU-0001');
    expect(first).toContain('TU-0001 is waiting for your approval.');
    expect(first).toContain('*TU-0001* · $100.00 top-up — Weekly top-up');
    expect(first).toContain('Requested by @fin.one');
    expect(first).toMatch(/Open it in the finance channel \(https?:\/\/\S+\)/);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.one, 'TU-0001')).toHaveLength(0);

    // The same day again, the weekend, and Monday before 9:00: nothing.
    for (const when of [
      at('2026-11-20', 14),
      at('2026-11-20', 16, 30),
      at('2026-11-21', 11),
      at('2026-11-22', 15),
      at('2026-11-23', 8, 30),
    ]) {
      await passAt(when);
    }
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);

    await passAt(at('2026-11-23', 9));
    await passAt(at('2026-11-23', 15));
    await passAt(at('2026-11-24', 9, 5));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(3);

    // Wednesday is the business day before Friday's expiry (Thursday is Thanksgiving).
    await passAt(at('2026-11-25', 9));
    const last = about(FINANCE.two, 'TU-0001').at(-1);
    expect(last).toMatch(/Last reminder: TU-0001 expires .* unless someone in finance decides\./);
    await passAt(at('2026-11-26', 10));
    await passAt(at('2026-11-27', 9));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(4);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(4);

    // The reconciler expires it; the next pass tells the requester, once.
    now = at('2026-11-27', 10, 1);
    const services = world.app.services;
    expect(
      (await reconcileOnce({ topups: services.topupDeps, transfers: services.transferDeps }, now)).expired,
    ).toEqual(['TU-0001']);
    await passAt(at('2026-11-27', 10, 2));
    await passAt(at('2026-11-27', 11));
    const told = about(FINANCE.one, 'TU-0001');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('TU-0001 expired: it waited 7 days for approval and moved no money.');
    expect(told[0]).toContain('Request it again with `/topup` if it is still needed.');
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(4);
  });

  it('nothing about decided requests, and only the approvers still needed', async () => {
    await seedConnectedWriter(world, WRITER);
    const transfer = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
    // Above DUAL_APPROVAL_ABOVE_CENTS ($10,000): two approvals; fin.two gives one.
    const topup = await slash(world, FINANCE.one, '/topup', '20000 Big top-up');
    now = at('2026-11-20', 11);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, transfer);
    await click(world, FINANCE.two, ACTIONS.approveTopup, topup);

    await passAt(at('2026-11-20', 14));
    expect(about(FINANCE.two, 'TR-0001')).toHaveLength(0);
    expect(about(FINANCE.three, 'TR-0001')).toHaveLength(0);
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(0);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.three, 'TU-0001')[0]).toContain('$20,000.00 top-up');
  });

  it('two replicas at the same moment send each reminder once', async () => {
    await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    now = at('2026-11-20', 14);
    const reports = await Promise.all(
      world.apps.map((replica) => sendReminders(reminderDeps(replica.services))),
    );
    await world.drain();
    expect(reports.flatMap((report) => report.reminded)).toEqual(['TU-0001']);
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(1);

    // Under the lease, only one replica runs a pass at all.
    const timers = world.apps.map((replica) => startReminders(replica.services, { intervalMs: 60_000 }));
    try {
      now = at('2026-11-23', 9);
      const runs = await Promise.all(timers.map((timer) => timer.runOnce()));
      expect(runs.filter((run) => run.ran)).toHaveLength(1);
      await world.drain();
      expect(about(FINANCE.two, 'TU-0001')).toHaveLength(2);
    } finally {
      await Promise.all(timers.map((timer) => timer.stop()));
    }
  });
});

describe('reminders about payout runs and reversals', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = FRIDAY;
    world = await startWorld({ clock: () => now });
    world.stripe.setAvailableBalance(100_000);
  });
  afterEach(() => world.stop());

  const about = (userId: string, ref: string) =>
    world.slack
      .messages(world.slack.dmChannelOf(userId))
      .map((message) => renderMessageText(message, { userName: (id) => world.slack.user(id)?.name }))
      .filter((text) => text.includes(ref));
  async function passAt(when: Date) {
    now = when;
    await sendReminders(reminderDeps(world.app.services));
    await world.drain();
  }

  it('a waiting run is nudged like any request and its requester told once it expired; a reversal is nudged daily and never warned', async () => {
    const writers = await seedWriters(world, 2, 'R');
    const csv = ['writer,amount', ...writers.map((w) => `${w.email},3.00`)].join('\n');
    await requestRun(world.app, world, csv);
    await seedConnectedWriter(world, WRITER);
    const paid = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, paid);
    await requestReversal(world, FINANCE.one, paid, '4', 'Paid one answer twice');

    await passAt(at('2026-11-20', 14));
    expect(about(FINANCE.two, 'PR-0001')).toHaveLength(1);
    expect(about(FINANCE.two, 'PR-0001')[0]).toContain('PR-0001 is waiting for your approval.');
    expect(about(FINANCE.three, 'PR-0001')).toHaveLength(1);
    expect(about(FINANCE.one, 'PR-0001')).toHaveLength(0);
    const reversalNudges = () =>
      about(FINANCE.two, 'TR-0001').filter((text) => text.includes('waiting for your approval'));
    expect(reversalNudges()).toHaveLength(1);
    expect(reversalNudges()[0]).toContain('Paid one answer twice');

    // The last warning for the run on Wednesday; the reversal, which never expires, only its daily nudge.
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) await passAt(at(day, 9));
    expect(about(FINANCE.two, 'PR-0001').at(-1)).toMatch(/Last reminder: PR-0001 expires/);
    expect(reversalNudges()).toHaveLength(4);
    expect(about(FINANCE.two, 'TR-0001').some((text) => text.includes('Last reminder'))).toBe(false);

    now = at('2026-11-27', 10, 1);
    expect(await expireStaleRuns(world.app.services.batchDeps)).toEqual(['PR-0001']);
    await passAt(at('2026-11-27', 10, 2));
    await passAt(at('2026-11-27', 11));
    const told = about(FINANCE.one, 'PR-0001').filter((text) => text.includes('expired'));
    expect(told).toHaveLength(1);
    await passAt(at('2026-11-30', 9));
    expect(reversalNudges()).toHaveLength(6);
  });
});
