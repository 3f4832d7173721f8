import { parseAmountCents } from '../../../src/domain/money';

/** Amounts in a semicolon-separated file, where Excel writes a comma for the cents. */
describe('amounts where a comma may mark the cents', () => {
  it.each([
    ['10,50', 1050],
    ['10,5', 1050],
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['$1.234.567,89', 123456789],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['1,234.56', 123456],
    ['10.50', 1050],
    ['1500', 150000],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseAmountCents(text, { decimalComma: true })).toEqual({ ok: true, cents });
  });

  it.each([
    ['1,500', 'reads two ways: $1,500.00 (write 1500) or $1.50 (write 1,50)'],
    ['1.500', 'reads two ways: $1,500.00 (write 1500) or $1.50 (write 1,50)'],
    ['12,345', 'reads two ways: $12,345.00 (write 12345) or $12.345, which has more than two decimal places'],
    ['0,500', 'has more than two decimal places'],
    ['1234,567', 'has more than two decimal places'],
    ['1 234,56', 'has a space in it; write it as 1234,56'],
    ['1 500', 'has a space in it; write it as 1500'],
    ['1 1,500', 'reads two ways: $11,500.00 (write 11500) or $11.50 (write 11,50)'],
    ['-10,50', "isn't a positive dollar amount"],
    ['0,00', "isn't a positive dollar amount"],
    ['1.23,45', "isn't a dollar amount"],
  ])('refuses %s: %s', (text, reason) => {
    expect(parseAmountCents(text, { decimalComma: true })).toEqual({ ok: false, reason });
  });

  it('keeps the per-transfer limit', () => {
    expect(parseAmountCents('5.000,01', { decimalComma: true, maxCents: 500000 })).toEqual({
      ok: false,
      reason: 'is over the limit of $5,000.00',
    });
  });

  it('reads a comma as thousands only everywhere else', () => {
    expect(parseAmountCents('1,500')).toEqual({ ok: true, cents: 150000 });
    expect(parseAmountCents('10,50')).toEqual({ ok: false, reason: "isn't a dollar amount" });
  });
});
