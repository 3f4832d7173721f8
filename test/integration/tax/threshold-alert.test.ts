import { taxReconcilePass } from '../../../src/domain/tax/tax-pass';
import { watchThreshold } from '../../../src/domain/tax/threshold-alert';
import type { Transfer } from '../../../src/domain/transfers/types';
import { FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { payTransfer } from './tax-helpers';

const alertsAbout = (world: World, userId: string) =>
  world.slack
    .messages(FINANCE_CHANNEL)
    .filter(
      (m) =>
        m.text.includes('1099-NEC threshold') && m.blocks.some((b) => JSON.stringify(b).includes(userId)),
    );

describe('the finance alert when a writer crosses the threshold and Stripe lacks their tax details', () => {
  let world: World;
  let now = new Date('2026-06-01T15:00:00Z');
  const writerDoc = (slackUserId: string) => world.app.db.models.writers.findOne({ slackUserId }).lean();

  beforeAll(async () => {
    // $20.00 for 2026, so a few small transfers cross it; two replicas on one database.
    world = await startWorld({ replicas: 2, clock: () => now, env: { TAX_THRESHOLDS_CENTS: '2026=2000' } });
    world.stripe.setAvailableBalance(1_000_000);
    await seedConnectedWriter(world, WRITER);
    await seedConnectedWriter(world, WRITER_TWO);
  });
  afterAll(() => world.stop());

  it('records what Stripe says about the taxpayer id from account.updated', async () => {
    expect((await writerDoc(WRITER.id))?.taxDetails).toBe('verified');
    const account = (await writerDoc(WRITER.id))?.stripeAccountId as string;
    // Stripe will want the full SSN as volume grows: transfers keep working, the id is not on file.
    world.stripe.setLaterRequirements(account, { eventuallyDue: ['individual.id_number'] });
    await world.drain();
    expect((await writerDoc(WRITER.id))?.taxDetails).toBe('missing');
    expect((await writerDoc(WRITER.id))?.status).toBe('active');
  });

  it('is posted once, when the paid total first reaches the threshold, however many replicas look', async () => {
    await payTransfer(world, `<@${WRITER.id}> 15 May answers`);
    expect(alertsAbout(world, WRITER.id)).toHaveLength(0);
    await payTransfer(world, `<@${WRITER.id}> 5 June answers`);
    const alerts = alertsAbout(world, WRITER.id);
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0]?.blocks)).toContain('$20.00 paid to them so far in 2026');
    expect(JSON.stringify(alerts[0]?.blocks)).toContain("Stripe doesn't have their taxpayer ID");

    await payTransfer(world, `<@${WRITER.id}> 7 More answers`);
    const last = (await world.app.db.models.transfers
      .findOne({ amountCents: 700 })
      .lean()) as unknown as Transfer;
    const paid = { ...last, id: String((last as unknown as { _id: unknown })._id) };
    // Every replica re-checks the same payment at once, and each runs the reconciler's tax pass.
    await Promise.all(
      world.apps.flatMap((app) => [
        watchThreshold(app.services.taxDeps, paid),
        watchThreshold(app.services.taxDeps, paid),
        taxReconcilePass(app.services.taxDeps)(now),
      ]),
    );
    await world.drain();
    expect(alertsAbout(world, WRITER.id)).toHaveLength(1);
    expect(await world.app.db.models.taxAlerts.countDocuments({ writerId: paid.writerId })).toBe(1);
  });

  it('is not posted for a writer whose taxpayer id Stripe has or is verifying', async () => {
    const account = (await writerDoc(WRITER_TWO.id))?.stripeAccountId as string;
    world.stripe.setLaterRequirements(account, { pendingVerification: ['individual.id_number'] });
    await world.drain();
    expect((await writerDoc(WRITER_TWO.id))?.taxDetails).toBe('provided');
    await payTransfer(world, `<@${WRITER_TWO.id}> 30 Big answer`);
    expect(alertsAbout(world, WRITER_TWO.id)).toHaveLength(0);
  });

  it('is posted by the reconciler’s tax pass when Stripe asks for the id after the crossing, once', async () => {
    const account = (await writerDoc(WRITER_TWO.id))?.stripeAccountId as string;
    world.stripe.setLaterRequirements(account, { eventuallyDue: ['individual.id_number'] });
    await world.drain();
    expect((await writerDoc(WRITER_TWO.id))?.taxDetails).toBe('missing');
    now = new Date(now.getTime() + 2 * 3_600_000); // past the hourly tax-check lease
    const report = await taxReconcilePass(world.apps[1]?.services.taxDeps ?? world.app.services.taxDeps)(now);
    await world.drain();
    expect(report.sweptAlerts).toHaveLength(1);
    expect(alertsAbout(world, WRITER_TWO.id)).toHaveLength(1);
    now = new Date(now.getTime() + 2 * 3_600_000);
    expect((await taxReconcilePass(world.app.services.taxDeps)(now)).sweptAlerts).toEqual([]);
    await world.drain();
    expect(alertsAbout(world, WRITER_TWO.id)).toHaveLength(1);
  });

  it('asks Stripe before alerting: a writer stored before tax details were kept, whose id Stripe has, is not alerted', async () => {
    const writer = await seedConnectedWriter(world, {
      id: 'UWRITER03',
      email: 'writer.three@example.com',
      name: 'writer.three',
    });
    // What a writer stored by an older Paydesk looks like: no tax details recorded at all.
    await world.app.db.models.writers.updateOne({ slackUserId: 'UWRITER03' }, { $unset: { taxDetails: 1 } });
    await payTransfer(world, `<@UWRITER03> 25 Answers`);
    await world.drain();
    expect(alertsAbout(world, 'UWRITER03')).toHaveLength(0);
    expect(writer.stripeAccountId).toBeTruthy();
  });

  it('an alert whose claimer died before queuing it is sent by the next tax pass', async () => {
    const deps = world.app.services.taxDeps;
    const writer = await writerDoc(WRITER.id);
    // A replica claimed the 2027 alert two minutes ago and died before queuing it.
    await deps.alerts.claim(2027, String(writer?._id), new Date(now.getTime() - 120_000));
    const report = await taxReconcilePass(deps)(now);
    await world.drain();
    expect(report.resentAlerts).toBe(1);
    expect(
      world.slack.messages(FINANCE_CHANNEL).filter((m) => m.text.includes('2027 1099-NEC')),
    ).toHaveLength(1);
    expect((await taxReconcilePass(deps)(now)).resentAlerts).toBe(0);
  });
});
