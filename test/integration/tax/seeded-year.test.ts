import { writerYearToDate } from '../../../src/domain/tax/year-to-date';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { expectedSums, type SeededWriter, seedYear } from './seed-year';
import { csvCents, latestCsv, payouts } from './tax-helpers';

const THRESHOLD = 200_000; // 2026: $2,000.00
// New York's 2026 and 2027 begin at 05:00 UTC on January 1.
const START_2026 = Date.parse('2026-01-01T05:00:00Z');
const START_2027 = Date.parse('2027-01-01T05:00:00Z');
const dollars = (text: string) => Math.round(Number(text.replaceAll(',', '')) * 100);
/** Cents as the messages show them: `$1,234.56`, `-$5.00`. */
const usd = (cents: number) =>
  `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const TAX_WORDS = {
  verified: 'on file (verified)',
  provided: 'provided, being verified',
  missing: 'missing',
};

/** The meter's writer lines under one heading: Slack user id → net cents and what it says of tax details. */
function meterLines(meter: string, heading: RegExp, until: RegExp): Map<string, string> {
  const start = meter.search(heading);
  if (start === -1) return new Map();
  const rest = meter.slice(start);
  const end = rest.slice(1).search(until);
  const part = end === -1 ? rest : rest.slice(0, end + 1);
  const lines = new Map<string, string>();
  for (const match of part.matchAll(/^• @(\S+) .* — \*\$([\d,]+\.\d{2})\* · (.*)$/gm)) {
    lines.set(match[1] as string, `${dollars(match[2] as string)} ${match[3]}`);
  }
  return lines;
}

/** A meter line's net and tax-details words, as `meterLines` reads them back. */
const meterEntry = (row: { net: number; writer?: SeededWriter }) =>
  `${row.net} tax details ${TAX_WORDS[row.writer?.taxDetails ?? 'missing']}${row.writer?.taxDetails === 'missing' ? ' :warning:' : ''}`;

describe('a seeded year of 2,000 transfers to 50 writers: meter, statements and export agree with the database', () => {
  let world: World;
  let writers: SeededWriter[];
  let expected: Awaited<ReturnType<typeof expectedSums>>;
  const bySlackId = (id: string) => writers.find((w) => w.slackUserId === id) as SeededWriter;

  beforeAll(async () => {
    // Mid-January 2027: the filing season for 2026.
    world = await startWorld({ clock: () => new Date('2027-01-15T15:00:00Z') });
    writers = await seedYear(world, { firstWriterSlackId: WRITER.id });
    expected = await expectedSums(world);
  }, 60_000);
  afterAll(() => world.stop());

  it('the seed covers what matters: every writer, reversals across years, payments outside 2026', async () => {
    expect(await world.app.db.models.transfers.countDocuments()).toBe(2_000);
    expect(expected.size).toBe(50);
    const over = [...expected.values()].filter((row) => row.net >= THRESHOLD).length;
    expect(over).toBeGreaterThan(5);
    expect(over).toBeLessThan(45);
    expect([...expected.values()].some((row) => row.reversed > 0)).toBe(true);
    // Reversals made in the tax year after their payment's: late 2025 into 2026, late 2026 into 2027.
    const crossings = new Set<string>();
    for (const t of await world.app.db.models.transfers.find().lean()) {
      const paid = t.paidAt?.getTime();
      if (paid === undefined) continue;
      for (const r of t.reversals) {
        const at = r.at.getTime();
        if (paid < START_2026 && at >= START_2026 && at < START_2027) crossings.add('2025→2026');
        if (paid >= START_2026 && paid < START_2027 && at >= START_2027) crossings.add('2026→2027');
      }
    }
    expect(crossings).toEqual(new Set(['2025→2026', '2026→2027']));
  });

  it('the export has one row per writer with money in 2026, equal to the database, formulas neutralised', async () => {
    const answer = await payouts(world, FINANCE.one, 'tax export 2026');
    expect(answer).toContain("Exported 50 writers' 2026 totals");
    const rows = latestCsv(world, FINANCE_CHANNEL);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      const writer = writers.find((w) => w.stripeAccountId === row.stripe_account_id) as SeededWriter;
      expect(row.email).toBe(writer.email === '=2+5@example.com' ? "'=2+5@example.com" : writer.email);
      const sums = expected.get(writer.id);
      expect([csvCents(row.total_paid_usd), csvCents(row.total_reversed_usd), csvCents(row.net_usd)]).toEqual(
        [sums?.paid, sums?.reversed, sums?.net],
      );
      expect(row['over_threshold_2000.00']).toBe((sums?.net ?? 0) >= THRESHOLD ? 'yes' : 'no');
      expect(row.tax_details_on_file).toBe(TAX_WORDS[writer.taxDetails]);
      expect(row.tax_year).toBe('2026');
    }
    expect(rows.find((row) => row.stripe_account_id === 'acct_seed7')?.name).toBe(
      '\'=HYPERLINK("http://evil.example","Writer 7")',
    );
    expect(rows.find((row) => row.stripe_account_id === 'acct_seed11')?.email).toBe("'=2+5@example.com");
  });

  it('the meter lists exactly the writers at or over the threshold and within 20%, with the same nets and tax details', async () => {
    const meter = await payouts(world, FINANCE.one, 'tax 2026');
    const all = [...expected.entries()].map(([id, sums]) => ({
      writer: writers.find((w) => w.id === id),
      ...sums,
    }));
    const over = all.filter((row) => row.net >= THRESHOLD);
    const near = all.filter((row) => row.net < THRESHOLD && row.net >= 160_000);
    const shownOver = meterLines(meter, /At or over \$2,000\.00/, /Within 20%|Every writer paid/);
    const shownNear = meterLines(meter, /Within 20%/, /Every writer paid/);
    expect(new Map(over.map((row) => [row.writer?.slackUserId, meterEntry(row)]))).toEqual(shownOver);
    expect(new Map(near.map((row) => [row.writer?.slackUserId, meterEntry(row)]))).toEqual(shownNear);
    // All three states show, so each word is checked against its writers.
    expect(new Set([...over, ...near].map((row) => row.writer?.taxDetails))).toEqual(
      new Set(['verified', 'provided', 'missing']),
    );
    const total = all.reduce((sum, row) => sum + row.net, 0);
    expect(meter).toContain(
      `50 writers paid · $${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} net in all`,
    );
    const lacking = over.filter((row) => row.writer?.taxDetails === 'missing').length;
    expect(meter).toContain(`*${over.length}* at or over the threshold (${lacking} without tax details)`);
    // Without a year: this year's (2027) meter, which has only the payments seeded into 2027.
    expect(await payouts(world, FINANCE.one, 'tax')).toContain('1099-NEC meter for 2027');
  });

  it('every writer’s statement and its CSV add up to the database, line for line, and to the year-to-date figure', async () => {
    const dm = world.slack.dmChannelOf(FINANCE.one);
    const csvOf = new Map<number, Record<string, string>[]>();
    for (const [index, writer] of writers.entries()) {
      const sums = expected.get(writer.id) as { paid: number; reversed: number; net: number; lines: number };
      const answer = await payouts(world, FINANCE.one, `statement <@${writer.slackUserId}> 2026`);
      expect(answer).toContain(
        `Paid ${usd(sums.paid)} · reversed ${usd(sums.reversed)} · *net ${usd(sums.net)}*`,
      );
      const rows = latestCsv(world, dm);
      csvOf.set(index, rows);
      expect(rows).toHaveLength(sums.lines);
      const total = (type: string, sign: number) =>
        rows
          .filter((row) => row.type === type)
          .reduce((sum, row) => sum + sign * csvCents(row.amount_usd), 0);
      expect([total('payment', 1), total('reversal', -1)]).toEqual([sums.paid, sums.reversed]);
      expect(new Set(rows.map((row) => row.writer))).toEqual(
        new Set([index === 7 ? `'${writer.displayName}` : writer.displayName]),
      );
      const ytd = await writerYearToDate(
        { transfers: world.app.services.transferDeps.transfers },
        { writerId: writer.id, year: 2026, timeZone: 'America/New_York' },
      );
      expect([ytd.paidCents, ytd.reversedCents, ytd.netCents]).toEqual([sums.paid, sums.reversed, sums.net]);
    }
    // Writer 3's memos and reversal reasons are formulas: shown, never run; everyone else's are as typed.
    const formulas = csvOf.get(3) ?? [];
    expect(formulas.length).toBeGreaterThan(0);
    expect(new Set(formulas.map((row) => row.memo))).toEqual(new Set(["'@SUM(A1:A9) answers"]));
    const reasons = formulas.filter((row) => row.type === 'reversal').map((row) => row.reversal_reason);
    expect(reasons.length).toBeGreaterThan(0);
    expect(new Set(reasons)).toEqual(new Set(['\'=HYPERLINK("http://evil.example","Duplicate")']));
    const plain = csvOf.get(0) ?? [];
    expect(plain.every((row) => /^Answers batch \d+$/.test(row.memo ?? ''))).toBe(true);
    expect(plain.filter((row) => row.type === 'reversal').map((row) => row.reversal_reason)).toContain(
      'Duplicate',
    );
  }, 60_000);

  it('a writer sees their own statement, with the CSV in their own DMs, and never anyone else’s', async () => {
    const own = await payouts(world, WRITER.id, 'statement 2026');
    expect(own).toContain('Your 2026 statement');
    const sums = expected.get(bySlackId(WRITER.id).id);
    expect(latestCsv(world, world.slack.dmChannelOf(WRITER.id))).toHaveLength(sums?.lines ?? -1);
    const filesBefore = world.slack.files().length;
    const other = writers[21] as SeededWriter;
    const refused = await payouts(world, WRITER.id, `statement <@${other.slackUserId}> 2026`);
    expect(refused).toContain('You can only see your own statement');
    expect(refused).not.toContain(other.displayName);
    expect(world.slack.files()).toHaveLength(filesBefore);
    // Naming themselves is their own statement.
    expect(await payouts(world, WRITER.id, `statement <@${WRITER.id}> 2026`)).toContain(
      'Your 2026 statement',
    );
    // Someone who is not a writer has none, and the meter and export are finance's only.
    expect(await payouts(world, OUTSIDER, 'statement')).toContain("You aren't a writer in Paydesk");
    expect(await payouts(world, WRITER.id, 'tax 2026')).toContain('Only the finance team');
    expect(await payouts(world, WRITER.id, 'tax export 2026')).toContain('Only the finance team');
    expect(world.slack.files()).toHaveLength(filesBefore + 1);
  });
});
