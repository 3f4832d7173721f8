import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/**
 * Past Stripe's key window a transfer is looked up before it is created again. A payout run's
 * lines share one transfer_group, so the lookup must read every page of the group: the line
 * paid first is on the last page (Stripe lists newest first).
 */
describe('finding a transfer by its request among a large group', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
    world.stripe.setAvailableBalance(10_000_000);
    await seedConnectedWriter(world, WRITER);
    world.stripe.setAutoDeliver(false);
  });
  afterEach(() => world.stop());

  it('finds the oldest of 130 transfers in the group, beyond the first page of 100', async () => {
    const stripe = world.app.services.transferDeps.stripe;
    const destination = (await world.app.db.models.writers.findOne().lean())?.stripeAccountId as string;
    const group = '6b0000000000000000000001';
    const ids = Array.from({ length: 130 }, (_, i) => `6b00000000000000000${String(i).padStart(5, '0')}`);
    for (const [i, requestId] of ids.entries()) {
      await stripe.createTransfer(
        {
          amountCents: 100 + i,
          destination,
          transferGroup: group,
          description: '',
          requestId,
          ref: `TR-${i}`,
        },
        `transfer:${requestId}`,
      );
    }
    const oldest = await stripe.findTransferByRequestId(group, ids[0] as string);
    expect(oldest?.amount).toBe(100);
    expect(oldest?.metadata?.paydesk_request_id).toBe(ids[0]);
    expect((await stripe.findTransferByRequestId(group, ids[129] as string))?.amount).toBe(229);
    expect(await stripe.findTransferByRequestId(group, '6b0000000000000000099999')).toBeUndefined();
    expect(await stripe.findTransferByRequestId('another-group', ids[0] as string)).toBeUndefined();
  });

  it('a line whose key was renewed still holds its first key: a second document for it cannot be made', async () => {
    const transfers = world.app.services.transferDeps.transfers;
    const writer = await world.app.db.models.writers.findOne().lean();
    const fields = {
      amountCents: 500,
      currency: 'usd' as const,
      status: 'submitting' as const,
      requestedBy: { teamId: 'T1', userId: 'UFIN0001' },
      requestedAt: new Date(),
      requiredApprovals: 1,
      approvals: [],
      rejection: null,
      decidedAt: new Date(),
      writerId: String(writer?._id),
      writerSlackUserId: WRITER.id,
      destination: writer?.stripeAccountId as string,
      memo: '',
      attempt: 1,
      retryOf: null,
      retriedBy: null,
      stripeTransferId: null,
      failure: null,
      shortfall: null,
      slackMessage: null,
      submittedAt: new Date(),
      paidAt: null,
      writerNotified: false,
      amountReversedCents: 0,
      reversals: [],
      reversalRequest: null,
      batchId: 'run1',
      line: 5,
      transferGroup: 'run1',
      idempotencyKey: 'batch:run1:5',
    };
    const first = await transfers.create(fields);
    expect(first).toBeDefined();
    expect(
      await transfers.renewIdempotencyKey(first?.id as string, 'batch:run1:5', 'batch:run1:5~2', new Date()),
    ).toBe(true);
    // Another replica planning the same line now: refused, and it finds the first one.
    expect(await transfers.create(fields)).toBeUndefined();
    expect((await transfers.findByIdempotencyKey('batch:run1:5'))?.id).toBe(first?.id);
    expect(await world.app.db.models.transfers.countDocuments({ batchId: 'run1' })).toBe(1);
  });
});
