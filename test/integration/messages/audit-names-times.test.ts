import { parse } from 'csv-parse/sync';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { click, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/** 06:00 UTC on Nov 30: still Nov 29 (10 PM) in Los Angeles, already Nov 30 (1 AM) in New York. */
const NOW = new Date('2026-11-30T06:00:00.000Z');
const UNIX = Math.floor(NOW.getTime() / 1000);
/** The app's clock: entries are written at NOW; later the test moves it to expire the cache. */
let now = NOW;

const usersInfoFor = (world: World, userId: string) =>
  world.slack.calls('users.info').filter((call) => call.params.user === userId).length;

async function ask(world: World, userId: string, text: string): Promise<string> {
  await world.send.command({ userId, command: '/payouts', text });
  await world.drain();
  return world.slack.ephemerals(userId).at(-1)?.text ?? '';
}

/** The database ids of everything Paydesk stored: none may reach a person. */
async function databaseIds(world: World): Promise<string[]> {
  const { writers, transfers, topups } = world.app.db.models;
  const docs = [
    ...(await writers.find().lean()),
    ...(await transfers.find().lean()),
    ...(await topups.find().lean()),
  ];
  return docs.map((doc) => String(doc._id));
}

function csvRows(world: World): Record<string, string>[] {
  return parse(world.slack.files().at(-1)?.content ?? '', { columns: true }) as Record<string, string>[];
}

describe('the audit trail, history and exports name people and use the reader’s time zone', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ clock: () => now });
    // fin.two reads Slack in Los Angeles; everyone else in New York (the simulator's default).
    world.slack.addUser({
      id: FINANCE.two,
      name: 'fin.two',
      realName: 'Fin Two',
      email: 'fin.two@example.com',
      tz: 'America/Los_Angeles',
    });
    world.stripe.setAvailableBalance(100_000);
    await seedConnectedWriter(world, WRITER);
    const request = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 May answers`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, request);
    await slash(world, FINANCE.one, '/topup', '500 buffer');
  });
  afterAll(() => world.stop());

  it('/payouts audit says who did what in words, writers by mention, times as Slack date tokens', async () => {
    const answer = await ask(world, FINANCE.two, 'audit');
    expect(answer).toContain('<@UFIN0001> requested transfer TR-0001 to <@UWRITER01> · $9.00');
    expect(answer).toContain('<@UFIN0002> approved transfer TR-0001 to <@UWRITER01>');
    // The seeded writer's account.updated webhook: a writer subject, by mention.
    expect(answer).toContain('Stripe changed what <@UWRITER01> can do');
    expect(answer).toContain(`<!date^${UNIX}^`);
    expect(answer).not.toMatch(/stripe:evt|system:|slack:T|transfer\.requested/);
    for (const id of await databaseIds(world)) expect(answer).not.toContain(id);
  });

  it("the CSV export has readable columns, names, and times in the asker's zone, named", async () => {
    // 2026-11-29 is fin.two's day in Los Angeles: everything happened then.
    expect(await ask(world, FINANCE.two, 'audit export 2026-11-29 2026-11-29')).toContain(
      'Exported 5 audit entries',
    );
    const file = world.slack.files().at(-1);
    expect(file?.channelId).toBe(FINANCE_CHANNEL);
    const comment = world.slack.messages(FINANCE_CHANNEL).at(-1)?.text ?? '';
    expect(comment).toContain('Times are in Pacific Standard Time (America/Los_Angeles)');
    const rows = csvRows(world);
    expect(Object.keys(rows[0] ?? {})).not.toContain('details');
    expect(rows.every((row) => row.time === 'Nov 29, 2026 10:00 PM PST')).toBe(true);
    const requested = rows.find((row) => row.action === 'transfer.requested');
    expect(requested).toMatchObject({
      who: 'Fin One',
      what: 'Fin One requested transfer TR-0001 to writer.one',
      reference: 'TR-0001',
      writer: 'writer.one',
      amount_usd: '9.00',
      note: 'May answers',
    });
    const paid = rows.find((row) => row.action === 'transfer.paid');
    expect(paid?.stripe_id).toBe(world.stripe.listTransfers()[0]?.id);
    expect(paid?.writer).toBe('writer.one');
    expect(rows.find((row) => row.action === 'transfer.approved')?.who).toBe('Fin Two');
    const content = file?.content ?? '';
    for (const id of await databaseIds(world)) expect(content).not.toContain(id);

    // The same day in New York is Nov 30: fin.three's export of Nov 30 has it all, fin.two's none.
    expect(await ask(world, FINANCE.two, 'audit export 2026-11-30 2026-11-30')).toContain(
      'Exported 0 audit entries',
    );
    expect(await ask(world, FINANCE.three, 'audit export 2026-11-30 2026-11-30')).toContain(
      'Exported 5 audit entries',
    );
    expect(csvRows(world)[0]?.time).toBe('Nov 30, 2026 1:00 AM EST');
  });

  it("reads a person's zone from Slack once, and again after five minutes on the app's clock", async () => {
    const before = usersInfoFor(world, FINANCE.two);
    expect(before).toBeGreaterThan(0);
    await ask(world, FINANCE.two, 'audit export 2026-11-29');
    expect(usersInfoFor(world, FINANCE.two)).toBe(before);
    // fin.two moved to Chicago; Paydesk notices once its cache is older than five minutes.
    world.slack.addUser({
      id: FINANCE.two,
      name: 'fin.two',
      realName: 'Fin Two',
      email: 'fin.two@example.com',
      tz: 'America/Chicago',
    });
    now = new Date(NOW.getTime() + 6 * 60_000);
    await ask(world, FINANCE.two, 'audit export 2026-11-29');
    expect(usersInfoFor(world, FINANCE.two)).toBe(before + 1);
    expect(csvRows(world)[0]?.time).toBe('Nov 30, 2026 12:00 AM CST');
  });

  it('/payouts history says who asked and when, as a Slack date token, not the server’s clock', async () => {
    const answer = await ask(world, FINANCE.two, 'history');
    expect(answer).toMatch(
      new RegExp(
        `\\*TR-0001\\* · \\$9\\.00 to <@UWRITER01> — May answers · paid · by <@UFIN0001> <!date\\^${UNIX}\\^`,
      ),
    );
    expect(answer).toMatch(new RegExp(`\\*TU-0001\\* · .* · by <@UFIN0001> <!date\\^${UNIX}\\^`));
    expect(answer).not.toMatch(/(Sun|Mon), Nov (29|30)/);
  });
});
