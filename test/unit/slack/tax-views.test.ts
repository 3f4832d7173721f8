import type { Writer } from '../../../src/domain/onboarding/types';
import type { Statement } from '../../../src/domain/tax/statement';
import { thresholdFor } from '../../../src/domain/tax/thresholds';
import type { WriterYear, YearFigures } from '../../../src/domain/tax/year-figures';
import { taxMeterMessage } from '../../../src/slack/views/tax-meter';
import { statementMessage } from '../../../src/slack/views/tax-statement';

const writer = (i: number): Writer =>
  ({ id: `w${i}`, slackUserId: `UW${i}`, displayName: `Writer <${i}> & co` }) as unknown as Writer;

function figures(count: number, netCents: number, year = 2026): YearFigures {
  const rows: WriterYear[] = Array.from({ length: count }, (_, i) => ({
    writerId: `w${i}`,
    writer: writer(i),
    paidCents: netCents,
    paidCount: 1,
    reversedCents: 0,
    reversalCount: 0,
    netCents,
    over: true,
    near: false,
    taxDetails: 'missing',
  }));
  return {
    year,
    timeZone: 'America/New_York',
    threshold: thresholdFor(year),
    rows,
    totals: { paidCents: netCents * count, reversedCents: 0, netCents: netCents * count },
  };
}

function withinSlackLimits(message: { blocks?: unknown[] }) {
  expect(message.blocks?.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks ?? []) {
    const text = (block as { text?: { text: string } }).text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
  }
}

describe('tax views', () => {
  it('the meter of 2,000 writers over the threshold fits Slack and points at the export for the rest', () => {
    const message = taxMeterMessage(figures(2_000, 250_000));
    withinSlackLimits(message);
    const all = JSON.stringify(message.blocks);
    expect(all).toMatch(/\d+ more not shown/);
    expect(all).toContain('/payouts tax export 2026');
    // Names are escaped: a writer called <!channel> pings nobody.
    expect(all).toContain('Writer &lt;0&gt; &amp; co');
  });

  it('the meter says when a year’s indexed threshold is not configured', () => {
    const text = JSON.stringify(taxMeterMessage(figures(1, 250_000, 2028)).blocks);
    expect(text).toContain("2028's inflation-adjusted threshold isn't configured; using 2026's $2,000.00");
  });

  it('a long statement fits Slack and leaves the rest to the CSV', () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => ({
      kind: 'payment' as const,
      at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      amountCents: 1_000,
      memo: 'Answers for <!channel>',
      reason: '',
      ref: `TR-${i}`,
      stripeTransferId: `tr_${i}`,
      stripeReversalId: null,
    }));
    const statement: Statement = {
      year: 2026,
      timeZone: 'America/New_York',
      writer: writer(1),
      lines,
      paidCents: 1_500_000,
      reversedCents: 0,
      netCents: 1_500_000,
    };
    const message = statementMessage(statement, { own: true, csvSent: true });
    withinSlackLimits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/\d+ more lines not shown/);
    expect(text).toContain('Answers for &lt;!channel&gt;');
    expect(message.text).toBe('Your 2026 statement: net $15,000.00');
  });
});
