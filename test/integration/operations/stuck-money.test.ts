import { addMinutes } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { ACTIONS } from '../../../src/slack/ids';
import { startChildApp } from '../../support/child-app';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { everyReplicaLooks, quietThenOneAlert } from './alarm-passes';
import { type Scrape, scrape } from './scrape';

const TOKEN = 'metrics-token-0123456789abcdef';

/** What each replica's gauges say, read now rather than on their timer. */
async function gaugesOf(world: World): Promise<Scrape[]> {
  return Promise.all(
    world.apps.map(async (replica) => {
      await replica.operations.refreshMetrics();
      return scrape(replica.url, TOKEN);
    }),
  );
}

const channelTexts = (world: World) =>
  world.slack.messages(FINANCE_CHANNEL).map((message) => renderMessageText(message));
const alerts = (world: World) => channelTexts(world).filter((text) => text.includes('Money is stuck'));
const resolved = (world: World) =>
  channelTexts(world).filter((text) => text.includes('Money is moving again'));

describe('the stuck-money alarm', () => {
  let world: World;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({
      replicas: 2,
      clock: () => now,
      env: { STUCK_ALERT_MINUTES: '15', METRICS_TOKEN: TOKEN },
    });
  });
  afterEach(() => world.stop());

  it('a transfer held in submitting raises one channel alert across two replicas, and one "resolved" after the reconciler pays it', async () => {
    await seedConnectedWriter(world, WRITER);
    world.stripe.setAvailableBalance(100_000);
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
    // Stripe keeps answering 429: the transfer was sent, and Stripe's answer is not known.
    world.stripe.injectFaults({ status429: 1, paths: /^\/v1\/transfers$/ });
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    const transfer = await world.app.db.models.transfers.findOne().lean();
    expect(transfer?.status).toBe('submitting');

    await quietThenOneAlert(world, alerts, (minutes) => {
      now = addMinutes(now, minutes);
    });
    const alert = alerts(world)[0] as string;
    expect(alert).toContain(`${transfer?.ref}`);
    expect(alert).toContain('$9.00');
    expect(alert).toContain(`$9.00 to @${WRITER.id}`);
    expect(alert).toContain('sending to Stripe since');
    expect(alert).toContain('over 15 minutes');
    expect(alert).toContain('cannot be paid twice');
    // Still stuck a while later: nothing more is posted.
    now = addMinutes(now, 30);
    await everyReplicaLooks(world);
    expect(alerts(world)).toHaveLength(1);

    // Stripe is back; the reconciler finishes the transfer with its stored key.
    world.stripe.clearFaults();
    const { topupDeps, transferDeps } = world.app.services;
    await reconcileOnce({ topups: topupDeps, transfers: transferDeps }, now);
    await world.drain();
    expect((await world.app.db.models.transfers.findOne().lean())?.status).toBe('paid');
    expect(world.stripe.listTransfers()).toHaveLength(1);

    const after = await everyReplicaLooks(world);
    expect(after.filter((pass) => pass === 'resolved')).toHaveLength(1);
    await everyReplicaLooks(world);
    expect(resolved(world)).toHaveLength(1);
    expect(resolved(world)[0]).toContain(`*${transfer?.ref}* is paid`);
    expect(alerts(world)).toHaveLength(1);
  }, 60_000);

  it('a top-up approved and never sent raises one channel alert across two replicas, and one "resolved" after the reconciler sends it', async () => {
    const ts = await slash(world, FINANCE.one, '/topup', '2000 Weekly top-up');
    // The replica that takes the approval dies right after saving it, before anything goes to Stripe.
    world.stripe.setAutoDeliver(false);
    const doomed = await startChildApp({ ...world.replicaEnv, PAYDESK_CRASH_AT: 'after-approval' });
    await world.slack.requestsTo(doomed.url).blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    expect(['SIGKILL', 137]).toContain(await doomed.exited);
    const topup = await world.app.db.models.topups.findOne().lean();
    expect(topup?.status).toBe('approved');
    expect(world.stripe.listTopups()).toEqual([]);

    // The approval was saved on the dead replica's clock: the threshold counts from then.
    now = addMinutes(topup?.updatedAt as Date, 14);
    expect(new Set(await everyReplicaLooks(world))).toEqual(new Set(['clear', 'undefined']));
    expect(alerts(world)).toEqual([]);
    for (const gauges of await gaugesOf(world)) {
      expect(gauges.value('paydesk_requests_stuck', { kind: 'topup', status: 'approved' })).toBe(0);
    }

    now = addMinutes(now, 2);
    const passes = await everyReplicaLooks(world);
    expect(passes.filter((pass) => pass === 'raised')).toHaveLength(1);
    expect(alerts(world)).toHaveLength(1);
    const alert = alerts(world)[0] as string;
    expect(alert).toContain(`*${topup?.ref}* · $2,000.00 to the platform balance · approved, not sent since`);
    expect(alert).toContain('over 15 minutes');
    expect(alert).toContain('its submission never started');
    expect(alert).not.toContain('sending to Stripe since');
    // Every replica's gauges say the same.
    for (const gauges of await gaugesOf(world)) {
      expect(gauges.value('paydesk_requests_stuck', { kind: 'topup', status: 'approved' })).toBe(1);
      expect(gauges.value('paydesk_requests_stuck', { status: 'submitting' })).toBe(0);
      expect(gauges.value('paydesk_stuck_money_alarm_active')).toBe(1);
    }
    now = addMinutes(now, 30);
    await everyReplicaLooks(world);
    expect(alerts(world)).toHaveLength(1);

    // The reconciler starts the submission the dead replica never did.
    const { topupDeps, transferDeps } = world.app.services;
    const report = await reconcileOnce({ topups: topupDeps, transfers: transferDeps }, now);
    await world.drain();
    expect(report.startedSubmissions).toEqual([topup?.ref]);
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('pending');
    expect(world.stripe.listTopups()).toHaveLength(1);

    const after = await everyReplicaLooks(world);
    expect(after.filter((pass) => pass === 'resolved')).toHaveLength(1);
    await everyReplicaLooks(world);
    expect(resolved(world)).toHaveLength(1);
    expect(resolved(world)[0]).toContain(`*${topup?.ref}* is pending at Stripe`);
    expect(alerts(world)).toHaveLength(1);
    for (const gauges of await gaugesOf(world)) {
      expect(gauges.value('paydesk_requests_stuck', { kind: 'topup', status: 'approved' })).toBe(0);
      expect(gauges.value('paydesk_stuck_money_alarm_active')).toBe(0);
    }
  }, 90_000);
});
