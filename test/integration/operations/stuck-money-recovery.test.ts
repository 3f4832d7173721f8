import { addMinutes } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import { alarmsRepository } from '../../../src/db/repositories/alarms';
import { STUCK_MONEY_ALARM } from '../../../src/domain/alarms/stuck-money';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { everyReplicaLooks } from './alarm-passes';

const alarmMessages = (world: World) =>
  world.slack
    .messages(FINANCE_CHANNEL)
    .map((message) => renderMessageText(message))
    .filter((text) => /Money is stuck|More money is stuck|Money is moving again/.test(text));

describe('the stuck-money alarm after a replica dies mid-pass, and across retries', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({ replicas: 2, clock: () => now, env: { STUCK_ALERT_MINUTES: '15' } });
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
  });
  afterEach(() => world.stop());

  const reconcile = async () => {
    const { topupDeps, transferDeps } = world.app.services;
    await reconcileOnce({ topups: topupDeps, transfers: transferDeps }, now);
    await world.drain();
  };
  /** A transfer whose Stripe call never gets an answer (Stripe keeps answering 429): held in submitting. */
  const stuckTransfer = async (amount: string) => {
    world.stripe.injectFaults({ status429: 1, paths: /^\/v1\/transfers$/ });
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> ${amount} Answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    return ts;
  };

  it('a message saved with the alarm state but never queued is posted once by the next pass, and its "resolved" still comes', async () => {
    await stuckTransfer('9');
    const first = await world.app.db.models.transfers.findOne({ ref: 'TR-0001' }).lean();
    expect(first?.status).toBe('submitting');
    now = addMinutes(now, 16);

    // What a replica left when it died after saving the raise and before queuing its alert.
    const alarms = alarmsRepository(world.app.db.models);
    const fresh = await alarms.get(STUCK_MONEY_ALARM);
    const id = String(first?._id);
    expect(
      await alarms.save(STUCK_MONEY_ALARM, fresh.rev, {
        episode: 1,
        active: true,
        since: now,
        announced: [`transfer:${id}`],
        posts: 1,
        pending: {
          key: `alarm:${STUCK_MONEY_ALARM}:1:0`,
          kind: 'raised',
          alarm: {
            items: [
              {
                kind: 'transfer',
                id,
                ref: 'TR-0001',
                status: 'submitting',
                amountCents: 900,
                payeeSlackUserId: WRITER.id,
                payoutRunLine: false,
                since: first?.updatedAt as Date,
              },
            ],
            total: 1,
            thresholdMinutes: 15,
            followUp: false,
          },
        },
      }),
    ).toBe(true);

    await everyReplicaLooks(world);
    await everyReplicaLooks(world);
    expect(alarmMessages(world)).toHaveLength(1);
    expect(alarmMessages(world)[0]).toContain('Money is stuck');
    expect(alarmMessages(world)[0]).toContain('TR-0001');
    expect((await alarms.get(STUCK_MONEY_ALARM)).pending).toBeNull();

    // Stripe answers again: TR-0001 is paid. Then TR-0002 gets stuck the same way.
    world.stripe.clearFaults();
    await reconcile();
    expect((await world.app.db.models.transfers.findOne({ ref: 'TR-0001' }).lean())?.status).toBe('paid');
    await stuckTransfer('5');

    // A replica saw nothing stuck, saved "resolved" and died before queuing it.
    const raised = await alarms.get(STUCK_MONEY_ALARM);
    await alarms.save(STUCK_MONEY_ALARM, raised.rev, {
      ...raised,
      active: false,
      announced: [],
      pending: {
        key: `alarm:${STUCK_MONEY_ALARM}:1:resolved`,
        kind: 'resolved',
        alarm: { raisedAt: raised.since ?? now, at: now, cleared: [{ ref: 'TR-0001', status: 'paid' }] },
      },
    });

    // By the next look TR-0002 is stuck too: the "resolved" goes out once, and TR-0002 starts a
    // new episode with its own first alert, never a follow-up of the one that was resolved.
    now = addMinutes(now, 16);
    const passes = await everyReplicaLooks(world);
    await everyReplicaLooks(world);
    expect(passes.filter((pass) => pass === 'raised')).toHaveLength(1);
    const messages = alarmMessages(world);
    expect(messages).toHaveLength(3);
    expect(messages[1]).toContain('Money is moving again');
    expect(messages[1]).toContain('*TR-0001* is paid');
    expect(messages[2]).toMatch(/^:rotating_light: \*Money is stuck\*/);
    expect(messages[2]).toContain('TR-0002');
    expect(messages.some((text) => text.includes('More money is stuck'))).toBe(false);
  }, 60_000);

  it('a retry of a transfer that was stuck, stuck again in the same episode, gets its own alert', async () => {
    // A top-up held in submitting keeps the episode going throughout.
    world.stripe.injectFaults({ status429: 1, paths: /^\/v1\/(topups|transfers)$/ });
    const topup = await slash(world, FINANCE.one, '/topup', '100 Weekly top-up');
    await click(world, FINANCE.two, ACTIONS.approveTopup, topup);
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    now = addMinutes(now, 16);
    expect((await everyReplicaLooks(world)).filter((pass) => pass === 'raised')).toHaveLength(1);
    expect(alarmMessages(world)).toHaveLength(1);
    expect(alarmMessages(world)[0]).toContain('TR-0001');

    // Stripe answers the transfer at last, with a refusal: attempt 1 failed.
    world.stripe.injectFaults({ status429: 1, paths: /^\/v1\/topups$/ });
    world.stripe.setAvailableBalance(0);
    await reconcile();
    expect((await world.app.db.models.transfers.findOne({ ref: 'TR-0001' }).lean())?.status).toBe('failed');
    await everyReplicaLooks(world);
    expect(alarmMessages(world)).toHaveLength(1);

    // Retried (same reference, attempt 2), and stuck the same way.
    world.stripe.setAvailableBalance(100_000);
    world.stripe.injectFaults({ status429: 1, paths: /^\/v1\/(topups|transfers)$/ });
    await click(world, FINANCE.three, ACTIONS.retryTransfer, ts);
    const retry = await world.app.db.models.transfers.findOne({ ref: 'TR-0001', attempt: 2 }).lean();
    expect(retry?.status).toBe('submitting');
    now = addMinutes(now, 16);
    expect((await everyReplicaLooks(world)).filter((pass) => pass === 'more')).toHaveLength(1);
    const followUp = alarmMessages(world)[1] ?? '';
    expect(followUp).toContain('More money is stuck');
    expect(followUp).toContain('TR-0001 (attempt 2)');
    expect(followUp).not.toContain('TU-0001');

    world.stripe.clearFaults();
    await reconcile();
    const after = await everyReplicaLooks(world);
    expect(after.filter((pass) => pass === 'resolved')).toHaveLength(1);
    const resolved = alarmMessages(world)[2] ?? '';
    expect(resolved).toContain('Money is moving again');
    expect(resolved).toContain('*TR-0001* is failed');
    expect(resolved).toContain('*TR-0001 (attempt 2)* is paid');
    expect(alarmMessages(world)).toHaveLength(3);
  }, 60_000);
});
