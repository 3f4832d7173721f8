import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { connectTestDatabase } from '../../support/database';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/** Retry keeps the request's reference (TR-0001 stays TR-0001, "attempt 2"), so people find it. */
describe('a retried transfer keeps its reference', () => {
  let world: World;
  let ts: string;
  beforeAll(async () => {
    world = await startWorld();
    await seedConnectedWriter(world, WRITER);
    world.stripe.setAvailableBalance(12_000);
    const topup = await slash(world, FINANCE.one, '/topup', '2000 weekly');
    await click(world, FINANCE.two, ACTIONS.approveTopup, topup);
    ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 500 May answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
    await world.drain();
    await click(world, FINANCE.three, ACTIONS.retryTransfer, ts);
  });
  afterAll(() => world.stop());

  const ask = async (text: string) => {
    await world.send.command({ userId: FINANCE.three, command: '/payouts', text });
    await world.drain();
    return world.slack.ephemerals(FINANCE.three).at(-1)?.text ?? '';
  };

  it('stores both attempts under TR-0001, each with its own key in the same transfer group', async () => {
    const attempts = await world.app.db.models.transfers.find().sort({ attempt: 1 }).lean();
    expect(attempts.map((t) => [t.ref, t.attempt, t.status])).toEqual([
      ['TR-0001', 1, 'failed'],
      ['TR-0001', 2, 'paid'],
    ]);
    const [first, second] = attempts;
    expect(second?.transferGroup).toBe(first?.transferGroup);
    expect(second?.idempotencyKey).toBe(`transfer:${first?.transferGroup}:attempt:2`);
    expect(first?.idempotencyKey).not.toBe(second?.idempotencyKey);
    expect(world.stripe.listTransfers()).toHaveLength(1);
  });

  it('the card shows TR-0001 paid, attempt 2', () => {
    const card = renderMessageText(world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === ts) ?? {});
    expect(card).toMatch(/^\*TR-0001 paid\* · \$500\.00 to/);
    expect(card).toContain('· attempt 2');
  });

  it('/payouts history finds both attempts under TR-0001', async () => {
    const history = await ask('history');
    expect(history).toMatch(/\*TR-0001 \(attempt 2\)\* · \$500\.00 to <@UWRITER01> — May answers · paid/);
    expect(history).toMatch(/\*TR-0001\* · \$500\.00 to <@UWRITER01> — May answers · failed/);
    const byRef = (await ask('history tr-0001')).split('\n');
    expect(byRef[0]).toBe('*TR-0001* (2 attempts)');
    expect(byRef[1]).toMatch(/^\*TR-0001\* · .* · failed · /);
    expect(byRef[2]).toMatch(/^\*TR-0001 \(attempt 2\)\* · .* · paid · .* · `tr_/);
    expect(await ask('history TR-0999')).toBe('No transfer is called TR-0999.');
  });

  it('a stale Retry says what became of it, and the next request still gets the next reference', async () => {
    const failedId = String((await world.app.db.models.transfers.findOne({ attempt: 1 }).lean())?._id);
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.retryTransfer,
      value: failedId,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.two).at(-1)?.text).toBe(
      'TR-0001 was already retried: TR-0001 (attempt 2) is paid. Nothing was changed.',
    );
    await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 5 Next`);
    expect(await world.app.db.models.transfers.countDocuments({ ref: 'TR-0002', attempt: 1 })).toBe(1);
  });
});

describe('a database from before retries kept their reference', () => {
  it('loses the old unique index on the reference alone at start-up', async () => {
    const first = await connectTestDatabase();
    const name = first.connection.name;
    const transfers = first.models.transfers.collection;
    await transfers.dropIndex('ref_1_attempt_1');
    await transfers.createIndex({ ref: 1 }, { unique: true, name: 'ref_1' });
    await first.close();
    const again = await connectTestDatabase(name);
    try {
      const names = (await again.models.transfers.listIndexes()).map((index) => index.name);
      expect(names).toContain('ref_1_attempt_1');
      expect(names).not.toContain('ref_1');
    } finally {
      await again.close();
    }
  });
});
