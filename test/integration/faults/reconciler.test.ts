import { addDays, addSeconds } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import { leasesRepository } from '../../../src/db/repositories/leases';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { RECONCILER_LEASE, startReconciler } from '../../../src/domain/reconciler/runner';
import { createLogger } from '../../../src/logger';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

function deps(world: World, replica = 0) {
  const services = (world.apps[replica] ?? world.app).services;
  return { topups: services.topupDeps, transfers: services.transferDeps };
}

describe('the reconciler', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ replicas: 2 });
  });
  afterEach(() => world.stop());

  it('expires requests nobody decided on, updates their messages and audits it', async () => {
    await seedConnectedWriter(world, WRITER);
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 forgotten' });
    await world.send.command({
      userId: FINANCE.one,
      command: '/transfer',
      text: `<@${WRITER.id}> 5 forgotten`,
    });
    await world.drain();
    expect((await reconcileOnce(deps(world), addDays(new Date(), 6))).expired).toEqual([]);
    const report = await reconcileOnce(deps(world), addDays(new Date(), 8));
    await world.drain();
    expect(report.expired.sort()).toEqual(['TR-0001', 'TU-0001']);
    const texts = world.slack.messages(FINANCE_CHANNEL).map((m) => renderMessageText(m));
    expect(texts.filter((text) => text.includes('Nobody decided in time, so it expired'))).toHaveLength(2);
    expect(texts.filter((text) => /(TU|TR)-0001 · \$\d+\.00 · expired$/m.test(text))).toHaveLength(2);
    expect(texts.some((text) => text.includes('[Approve]'))).toBe(false);
    const actions = (await world.app.services.audit.latest(10)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['topup.expired', 'transfer.expired']));
  });

  it('applies the real status of a top-up past its expected date when the webhook never came', async () => {
    world.stripe.setAutoDeliver(false);
    const ts = await slash(world, FINANCE.one, '/topup', '300 missed webhook');
    await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
    world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
    expect((await reconcileOnce(deps(world), new Date())).settledFromStripe).toEqual([]);
    const report = await reconcileOnce(deps(world), addDays(new Date(), 10));
    await world.drain();
    expect(report.settledFromStripe).toEqual(['TU-0001']);
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('succeeded');
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .filter((m) => /settled\*? —/.test(renderMessageText(m)));
    expect(alerts).toHaveLength(1);
  });

  it('runs on one replica at a time; a dead holder’s lease is taken over', async () => {
    const logger = createLogger({ level: 'silent' });
    const start = (replica: number, clock: () => Date) =>
      startReconciler({
        reconcile: deps(world, replica),
        leases: leasesRepository(world.dbs[replica]?.models ?? world.app.db.models),
        clock,
        logger,
        intervalMs: 60_000,
      });
    let now = new Date();
    const a = start(0, () => now);
    const b = start(1, () => now);
    try {
      expect(await a.runOnce()).toBe(true);
      expect(await b.runOnce()).toBe(false);
      expect(await a.runOnce()).toBe(true); // renewing its own lease
      now = addSeconds(now, 181); // a stopped renewing three intervals ago: it is dead
      expect(await b.runOnce()).toBe(true);
      expect(await a.runOnce()).toBe(false);
      expect(await leasesRepository(world.app.db.models).holder(RECONCILER_LEASE)).toBe(b.holder);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
