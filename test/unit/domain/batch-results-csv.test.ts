import { parse } from 'csv-parse/sync';
import { type RunResultRow, resultsCsv } from '../../../src/domain/batch/results';

const row = (overrides: Partial<RunResultRow>): RunResultRow => ({
  line: 2,
  writerInput: 'maya@example.com',
  writerSlackUserId: 'UMAYA',
  destination: 'acct_1MAYA',
  revenueCents: null,
  amountCents: 1050,
  outcome: 'paid',
  transferRef: 'TR-0007',
  stripeTransferId: 'tr_1',
  code: null,
  reason: '',
  memo: 'May',
  attempts: 1,
  ...overrides,
});

/** The results CSV finance opens in a spreadsheet: exact amounts, statuses in words, no formulas. */
describe('the payout run results CSV', () => {
  it('says "not paid" for a line that never went out, never an internal word', () => {
    const rows = parse(
      resultsCsv([
        row({}),
        row({
          line: 3,
          outcome: 'open',
          transferRef: null,
          stripeTransferId: null,
          reason: 'waiting for balance',
        }),
        row({ line: 4, outcome: 'failed', code: 'account_invalid', reason: 'Stripe refused it' }),
        row({ line: 5, outcome: 'skipped', memo: '=HYPERLINK("x")', reason: 'unknown writer' }),
      ]),
      { columns: true },
    ) as Record<string, string>[];
    expect(rows.map((r) => [r.line, r.status, r.amount_usd, r.reason])).toEqual([
      ['2', 'paid', '10.50', ''],
      ['3', 'not paid', '10.50', 'waiting for balance'],
      ['4', 'failed', '10.50', 'Stripe refused it'],
      ['5', 'skipped', '10.50', 'unknown writer'],
    ]);
    expect(rows[3]?.memo).toBe('\'=HYPERLINK("x")');
  });
});
