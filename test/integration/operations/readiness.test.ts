import { addMinutes } from 'date-fns';
import { renderMessageText } from '../../../sandbox/slack';
import { FINANCE_CHANNEL } from '../../support/config';
import { balanceEvent, deliverSignedWebhook } from '../../support/stripe-deliveries';
import { startWorld, type World } from '../../support/world';

type Readiness = { status: string; checks: Record<string, { ok: boolean; detail: string }> };

async function readyz(world: World): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${world.app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe('/readyz says why', () => {
  let world: World | undefined;
  afterEach(() => world?.stop());

  it('reports a reconciler lease nobody renews, and is ready again once a pass holds it', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({ clock: () => now, env: { RECONCILE_INTERVAL_SECONDS: '60' } });
    let answer = await readyz(world);
    expect(answer.status).toBe(200);
    expect(answer.body.checks.reconciler).toEqual({ ok: true, detail: 'starting: no pass seen yet' });

    now = addMinutes(now, 4);
    answer = await readyz(world);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'not ready',
      checks: {
        database: { ok: true, detail: 'answers' },
        inbox: { ok: true, detail: 'nothing waiting' },
        reconciler: { ok: false, detail: 'no replica has taken the reconciler lease' },
      },
    });

    expect(await world.app.reconciler?.runOnce()).toBe(true);
    answer = await readyz(world);
    expect(answer.status).toBe(200);
    expect(answer.body.checks.reconciler).toEqual({ ok: true, detail: 'lease renewed 0 s ago' });

    now = addMinutes(now, 5);
    answer = await readyz(world);
    expect(answer.status).toBe(503);
    expect(answer.body.checks.reconciler?.detail).toBe(
      'the reconciler lease expired 120 s ago and no replica took it',
    );
    // Only what an operator needs: no holder ids, host names or secrets.
    expect(JSON.stringify(answer.body)).not.toMatch(/holder|127\.0\.0\.1|localhost|whsec|sk_test/);
  });

  it('reports an inbox nobody processes, and finance hears of it once', async () => {
    let now = new Date('2026-12-01T15:00:00Z');
    world = await startWorld({ clock: () => now });
    // No replica processes the inbox any more (as if every worker were wedged).
    world.app.services.stripeInbox.stop();
    expect(await deliverSignedWebhook(world, balanceEvent('evt_stalled_1', now))).toBe(200);
    expect((await readyz(world)).body.checks.inbox).toEqual({ ok: true, detail: '1 Stripe event waiting' });

    now = addMinutes(now, 16);
    const answer = await readyz(world);
    expect(answer.status).toBe(503);
    expect(answer.body.checks.inbox).toEqual({
      ok: false,
      detail: 'stalled: 1 Stripe event waiting, the oldest not picked up for 16 minutes',
    });

    expect(await world.app.operations.stuckMoney.check()).toBe('raised');
    expect(await world.app.operations.stuckMoney.check()).toBe('still raised');
    await world.drain();
    const alerts = world.slack
      .messages(FINANCE_CHANNEL)
      .map((message) => renderMessageText(message))
      .filter((text) => text.includes('Money is stuck'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Webhook inbox* · 1 Stripe event waiting, the oldest since');
  });
});
