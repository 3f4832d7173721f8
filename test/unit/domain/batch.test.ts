import { BatchInputError, parseBatchCsv } from '../../../src/domain/batch/csv';
import { parseWriterRef } from '../../../src/domain/batch/resolve';
import { parseSharePercent, revenueShareCents } from '../../../src/domain/batch/share';

describe('revenue share, in integer arithmetic', () => {
  it.each([
    // revenue cents, share ppm, expected cents
    [1005, 125_000, 126], // 125.625 → up
    [4, 125_000, 1], // exactly half a cent → up
    [3, 125_000, 0], // 0.375 → down
    [10_000, 125_000, 1250],
    [10_004, 125_000, 1251], // 1,250.5 → 1,251
    [99_999, 333_333, 33_333], // 33,332.9667 → 33,333
    [1, 1_000_000, 1], // 100 %
    [1, 500_000, 1], // 0.5 → 1
    [1, 499_999, 0],
    [999_999_999_999, 1, 1_000_000], // 999,999.999999 → 1,000,000
    [9_007_199_254_740_991, 1_000_000, 9_007_199_254_740_991], // no precision lost near 2^53
  ])('%i cents at %i ppm is %i cents', (revenue, ppm, expected) => {
    expect(revenueShareCents(revenue, ppm)).toBe(expected);
  });

  it('parses a percentage with up to four decimals into parts per million', () => {
    expect(parseSharePercent('12.5')).toEqual({ ok: true, ppm: 125_000, text: '12.5' });
    expect(parseSharePercent(' 12.50 % ')).toEqual({ ok: true, ppm: 125_000, text: '12.5' });
    expect(parseSharePercent('33.3333')).toEqual({ ok: true, ppm: 333_333, text: '33.3333' });
    expect(parseSharePercent('100')).toEqual({ ok: true, ppm: 1_000_000, text: '100' });
    expect(parseSharePercent('0')).toMatchObject({ ok: false, reason: 'must be more than 0 %' });
    expect(parseSharePercent('100.0001')).toMatchObject({ ok: false, reason: 'must be at most 100 %' });
    expect(parseSharePercent('12.34567')).toMatchObject({
      ok: false,
      reason: 'has more than four decimal places',
    });
    expect(parseSharePercent('1e2')).toMatchObject({ ok: false });
    expect(parseSharePercent('-5')).toMatchObject({ ok: false });
    expect(parseSharePercent('')).toMatchObject({ ok: false, reason: 'is missing' });
  });
});

describe('the payout run CSV', () => {
  it('numbers lines as an editor does, CRLF and quoted line breaks included', () => {
    const csv = '\uFEFFwriter,amount,memo\r\n\r\nU1,1,"a\r\nb"\r\nU2,2,\r\n';
    expect(parseBatchCsv(csv).rows.map((row) => [row.line, row.writer, row.memo])).toEqual([
      [4, 'U1', 'a\r\nb'],
      [5, 'U2', ''],
    ]);
  });

  it('allows a missing trailing memo but not missing amounts or extra values', () => {
    const { rows } = parseBatchCsv('writer,amount,memo\nU1,1\nU2\nU3,3,m,x\nU4,4,m,,');
    expect(rows.map((row) => [row.writer, row.problem === undefined])).toEqual([
      ['U1', true],
      ['U2', false],
      ['U3', false],
      ['U4', true],
    ]);
  });

  it('refuses what it cannot read as a whole', () => {
    expect(() => parseBatchCsv('writer|amount\nU1|1')).toThrow(BatchInputError);
    expect(() => parseBatchCsv('writer,amount\n"U1,1')).toThrow(/malformed/);
  });

  it('recognises mentions, user ids, emails, Stripe accounts, handles and names as writers', () => {
    expect(parseWriterRef('<@U0123ABC|jane>')).toEqual({ kind: 'user', userId: 'U0123ABC', bare: false });
    expect(parseWriterRef('W0123ABC')).toEqual({ kind: 'user', userId: 'W0123ABC', bare: true });
    expect(parseWriterRef('Jane@Example.com')).toEqual({
      kind: 'email',
      email: 'jane@example.com',
      typed: 'Jane@Example.com',
    });
    expect(parseWriterRef('<mailto:jane@example.com|jane@example.com>')).toMatchObject({
      email: 'jane@example.com',
    });
    expect(parseWriterRef('acct_1Abc')).toEqual({ kind: 'account', accountId: 'acct_1Abc' });
    expect(parseWriterRef('@maya')).toEqual({ kind: 'handle', handle: 'maya', typed: '@maya' });
    expect(parseWriterRef(' Maya  Lopez ')).toEqual({ kind: 'name', name: 'Maya  Lopez' });
    expect(parseWriterRef('<@jane>')).toBeUndefined();
    expect(parseWriterRef('@')).toBeUndefined();
    expect(parseWriterRef('')).toBeUndefined();
  });
});
