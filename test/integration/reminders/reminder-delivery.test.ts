import { TZDate } from '@date-fns/tz';
import { renderMessageText } from '../../../sandbox/slack';
import { reminderDeps } from '../../../src/app/reminders';
import { requestRemindersRepository } from '../../../src/db/repositories/request-reminders';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { sendReminders } from '../../../src/domain/reminders/send-reminders';
import { waitingKey } from '../../../src/domain/requests/waiting';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World } from '../../support/world';
import { homeText, openHome } from '../home/helpers';

/** A wall-clock time in `zone` (New York is the default REPORTING_TIME_ZONE). */
const at = (day: string, hour: number, minute = 0, zone = 'America/New_York') => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, zone).getTime());
};

describe('reminders reach every request still waiting, and only those', () => {
  let world: World;
  let now: Date;
  const start = async (env: Record<string, string> = {}) => {
    now = at('2026-11-20', 10);
    world = await startWorld({ clock: () => now, env });
  };
  afterEach(() => world.stop());

  const about = (userId: string, ref: string) =>
    world.slack
      .messages(world.slack.dmChannelOf(userId))
      .map((message) => renderMessageText(message))
      .filter((text) => text.includes(`${ref} `) || text.includes(`${ref}*`));
  const passAt = async (when: Date, deps = reminderDeps(world.app.services)) => {
    now = when;
    const report = await sendReminders(deps);
    await world.drain();
    return report;
  };
  const topupKey = async (ref: string) => {
    const topup = await world.app.db.models.topups.findOne({ ref }).lean();
    return waitingKey({ kind: 'topup', id: String(topup?._id), requestedAt: topup?.requestedAt as Date });
  };

  it('a request decided after the pass read the list gets no reminder', async () => {
    await start();
    const ts = await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    const deps = reminderDeps(world.app.services);
    const listed = deps.waiting;
    // fin.two approves it while the pass goes through the list it read a moment before.
    const racing = {
      ...listed,
      async *pages(size: number) {
        for await (const page of listed.pages(size)) {
          await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
          yield page;
        }
      },
    };
    const report = await passAt(at('2026-11-20', 14), { ...deps, waiting: racing });
    expect((await world.app.db.models.topups.findOne().lean())?.status).not.toBe('requested');
    expect(report.reminded).toEqual([]);
    expect(
      about(FINANCE.two, 'TU-0001').filter((text) => text.includes('waiting for your approval')),
    ).toEqual([]);
    expect(about(FINANCE.three, 'TU-0001')).toEqual([]);
  });

  it('a reminder or expiry notice claimed and never queued (its replica died) is queued by the next pass, once', async () => {
    await start();
    await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    const store = requestRemindersRepository(world.app.db.models);
    const key = await topupKey('TU-0001');
    // A replica claimed the first reminder at 14:00 and died before queuing its DMs.
    expect(await store.claim(key, 0, at('2026-11-20', 14), false)).toBe(true);

    await passAt(at('2026-11-20', 14, 1));
    await passAt(at('2026-11-20', 15));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.two, 'TU-0001')[0]).toContain('TU-0001 is waiting for your approval.');
    // It counts as that day's reminder: the next one comes on the next business day.
    await passAt(at('2026-11-23', 9));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(2);

    // Expired; a replica claimed the requester's notice and died before queuing it.
    now = at('2026-11-27', 10, 1);
    const services = world.app.services;
    await reconcileOnce({ topups: services.topupDeps, transfers: services.transferDeps }, now);
    expect(await store.claimExpiryNotice(key, now)).toBe(true);
    await passAt(at('2026-11-27', 10, 2));
    await passAt(at('2026-11-27', 11));
    const told = about(FINANCE.one, 'TU-0001');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('TU-0001 expired: it waited 7 days for approval and moved no money.');
  });

  it('a pass that finds the DMs another pass already queued reports none of its own', async () => {
    await start();
    await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    const store = requestRemindersRepository(world.app.db.models);
    const key = await topupKey('TU-0001');
    // Another replica claimed the reminder and queued its DMs, and has not marked them queued yet.
    now = at('2026-11-20', 14);
    expect(await store.claim(key, 0, now, false)).toBe(true);
    const first = await passAt(at('2026-11-20', 14), {
      ...reminderDeps(world.app.services),
      store: { ...store, markQueued: async () => {} },
    });
    expect(first.reminded).toEqual(['TU-0001']);

    const second = await passAt(at('2026-11-20', 14, 1));
    expect(second.reminded).toEqual([]);
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);
    expect(about(FINANCE.three, 'TU-0001')).toHaveLength(1);
  });

  it('keeps the business hours of REPORTING_TIME_ZONE, not the server’s', async () => {
    await start({ REPORTING_TIME_ZONE: 'America/Los_Angeles' });
    now = at('2026-11-20', 10, 0, 'America/Los_Angeles');
    await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    // 14:00 in New York is 11:00 in Los Angeles: one business hour, not four.
    await passAt(at('2026-11-20', 14, 0, 'America/New_York'));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(0);
    // 14:00 in Los Angeles (22:00 UTC, 17:00 in New York): four business hours there.
    await passAt(at('2026-11-20', 14, 0, 'America/Los_Angeles'));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);
    // Monday 7:00 there is 10:00 in New York: not yet.
    await passAt(at('2026-11-23', 7, 0, 'America/Los_Angeles'));
    expect(about(FINANCE.two, 'TU-0001')).toHaveLength(1);
  });

  it('reminds every waiting request, however many, and Home counts them all', async () => {
    await start();
    const services = world.app.services;
    const requestedBy = { teamId: world.slack.teamId, userId: FINANCE.one };
    for (let i = 1; i <= 205; i += 1) {
      await requestTopup(services.topupDeps, { amountText: String(i), description: 'Batch', requestedBy });
    }
    await world.drain();
    const report = await passAt(at('2026-11-20', 14));
    expect(report.reminded).toHaveLength(205);
    expect(report.reminded).toContain('TU-0205');
    expect(about(FINANCE.two, 'TU-0205')).toHaveLength(1);

    await openHome(world, FINANCE.two);
    const home = homeText(world, FINANCE.two);
    expect(home).toContain('Waiting for you (205)');
    expect(home).toContain('190 more requests waiting for you');
  }, 120_000);
});
