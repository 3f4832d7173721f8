import { parse } from 'csv-parse/sync';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';

async function ask(world: World, userId: string, text: string): Promise<string> {
  await world.send.command({ userId, command: '/payouts', text });
  await world.drain();
  return world.slack.ephemerals(userId).at(-1)?.text ?? '';
}

/** Mid-morning in New York, where the sandbox's finance people read Slack. */
const NOW = new Date('2026-11-02T15:00:00.000Z');

describe('/payouts audit', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ clock: () => NOW });
    for (const text of ['2000 Top-up for week of May 31', '12.34 small one']) {
      await world.send.command({ userId: FINANCE.one, command: '/topup', text });
      await world.drain();
    }
  });
  afterAll(() => world.stop());

  it('shows the latest entries, newest first, to finance', async () => {
    const answer = await ask(world, FINANCE.two, 'audit');
    expect(answer).toContain('Latest 2 audit entries');
    const lines = answer.split('\n').slice(1);
    expect(lines[0]).toMatch(
      /^`#2` <!date\^\d+\^.*> · <@UFIN0001> requested top-up TU-0002 · \$12\.34 · “small one”$/,
    );
    expect(lines[1]).toMatch(/^`#1` .*\$2,000\.00/);
  });

  it('verify answers with the count and an intact chain, or the exact broken entry', async () => {
    expect(await ask(world, FINANCE.two, 'audit verify')).toContain('2 entries, chain intact');
    await world.app.db.models.auditEvents.collection.updateOne(
      { seq: 2 },
      { $set: { 'details.amountCents': 1 } },
    );
    const broken = await ask(world, FINANCE.two, 'audit verify');
    expect(broken).toContain('broken at entry 2');
    await world.app.db.models.auditEvents.collection.updateOne(
      { seq: 2 },
      { $set: { 'details.amountCents': 1234 } },
    );
  });

  it('export uploads a CSV of the range to the finance channel', async () => {
    const answer = await ask(world, FINANCE.two, 'audit export 2026-11-02 2026-11-02');
    expect(answer).toContain('Exported 2 audit entries');
    const file = world.slack.files().at(-1);
    expect(file?.channelId).toBe(FINANCE_CHANNEL);
    const rows = parse(file?.content ?? '', { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.amount_usd)).toEqual(['2000.00', '12.34']);
    expect(await ask(world, FINANCE.two, 'audit export yesterday')).toContain("`yesterday` isn't a date");
  });

  it('refuses all three to someone outside finance', async () => {
    for (const text of ['audit', 'audit verify', 'audit export']) {
      expect(await ask(world, OUTSIDER, text)).toContain('Only the finance team');
    }
    expect(world.slack.files()).toHaveLength(1);
  });
});
