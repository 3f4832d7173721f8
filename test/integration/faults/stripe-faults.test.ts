import { addSeconds } from 'date-fns';
import { reconcileOnce } from '../../../src/domain/reconciler/reconcile';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { approveTransfer } from '../../../src/domain/transfers/approve-transfer';
import { requestTransfer } from '../../../src/domain/transfers/request-transfer';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

const TEAM = 'T0SANDBOX';
const fin = (userId: string) => ({ teamId: TEAM, userId });

describe('exactly once under load and faults', () => {
  it('two replicas, 200 requests each approved by 10 parallel clicks: exactly 200 Stripe top-ups', async () => {
    const world = await startWorld({ replicas: 2 });
    try {
      world.stripe.setAutoDeliver(false);
      const deps = world.app.services.topupDeps;
      const topups = [];
      for (let i = 0; i < 200; i += 1) {
        topups.push(
          await requestTopup(deps, {
            amountText: String(100 + i),
            description: `load ${i}`,
            requestedBy: fin(FINANCE.one),
          }),
        );
      }
      await world.drain();
      const clicks = topups.flatMap((topup) =>
        Array.from({ length: 10 }, (_, i) =>
          (world.senders[i % 2] ?? world.send).blockAction({
            userId: i % 2 ? FINANCE.two : FINANCE.three,
            actionId: ACTIONS.approveTopup,
            channelId: FINANCE_CHANNEL,
            messageTs: topup.slackMessage?.ts as string,
          }),
        ),
      );
      const answers = await Promise.all(clicks);
      await world.drain();
      expect(
        answers
          .filter((answer) => answer.status !== 200)
          .map((answer) => [answer.status, answer.text?.slice(0, 200)]),
      ).toEqual([]);
      const created = world.stripe.listTopups();
      expect(created).toHaveLength(200);
      expect(new Set(created.map((topup) => topup.metadata?.paydesk_request_id)).size).toBe(200);
      expect(await world.app.db.models.topups.countDocuments({ status: 'pending' })).toBe(200);
      console.log(`replicas: 2,000 clicks on 200 requests → ${created.length} Stripe top-ups, 0 duplicates`);
    } finally {
      await world.stop();
    }
  }, 120_000);

  it('10% 5xx, 5% 429 and 2% hangs over 300 transfers: no duplicates; every request ends paid or failed, as Stripe says', async () => {
    const world = await startWorld({
      env: { STRIPE_TIMEOUT_MS: '800', DAILY_TRANSFER_CAP_CENTS: '100000000' },
    });
    try {
      await seedConnectedWriter(world, WRITER);
      world.stripe.setAutoDeliver(false);
      world.stripe.setAvailableBalance(250_000); // enough for about 250 of the 300 at $10: some fail for balance
      const deps = world.app.services.transferDeps;
      const transfers = [];
      for (let i = 0; i < 300; i += 1) {
        transfers.push(
          (
            await requestTransfer(deps, {
              text: `<@${WRITER.id}> 10 faulty ${i}`,
              requestedBy: fin(FINANCE.one),
            })
          ).transfer,
        );
      }
      world.stripe.injectFaults({
        status500: 0.1,
        status429: 0.05,
        hang: 0.02,
        hangMs: 1200,
        seed: 42,
        paths: /^\/v1\/transfers$/,
      });
      const approver = fin(FINANCE.two);
      for (let i = 0; i < transfers.length; i += 25) {
        await Promise.all(
          transfers
            .slice(i, i + 25)
            .map((t) => approveTransfer(deps, { id: t.id, approver, isFinance: true })),
        );
      }
      const injected = world.stripe.requestLog().filter((entry) => entry.fault).length;
      world.stripe.clearFaults();
      // A hung request is still held by Stripe for a moment after our client gave up on it, and
      // meanwhile Stripe answers 409 for its key: reconcile until nothing is left undecided.
      let passes = 0;
      const undecided = () =>
        world.app.db.models.transfers.countDocuments({ status: { $in: ['approved', 'submitting'] } });
      while ((await undecided()) > 0) {
        expect(passes).toBeLessThan(20);
        passes += 1;
        await reconcileOnce(
          { topups: world.app.services.topupDeps, transfers: deps },
          addSeconds(new Date(), 120),
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await world.drain();

      const stored = await world.app.db.models.transfers.find().lean();
      const byStatus: Record<string, number> = {};
      for (const t of stored) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      expect(Object.keys(byStatus).sort()).toEqual(
        Object.keys(byStatus)
          .filter((s) => s === 'paid' || s === 'failed')
          .sort(),
      );
      const atStripe = world.stripe.listTransfers();
      const groups = atStripe.map((t) => t.transfer_group);
      expect(new Set(groups).size).toBe(atStripe.length);
      const paid = stored.filter((t) => t.status === 'paid');
      expect(paid).toHaveLength(atStripe.length);
      expect(new Set(paid.map((t) => t.stripeTransferId))).toEqual(new Set(atStripe.map((t) => t.id)));
      expect(
        stored.filter((t) => t.status === 'failed').every((t) => t.failure?.code === 'balance_insufficient'),
      ).toBe(true);
      console.log(
        `stripe faults: ${injected} injected over 300 transfers → ${paid.length} paid, ${byStatus.failed ?? 0} failed (balance), ${atStripe.length} at Stripe, 0 duplicates (${passes} reconciler passes)`,
      );
    } finally {
      await world.stop();
    }
  }, 180_000);
});
