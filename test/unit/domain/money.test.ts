import {
  centsToDecimalString,
  formatCents,
  parseAmountCents,
  splitLeadingAmount,
} from '../../../src/domain/money';

describe('parseAmountCents', () => {
  it.each([
    ['2000', 200000],
    ['2,000.50', 200050],
    ['$2000', 200000],
    ['$1,234.56', 123456],
    ['1234.5', 123450],
    ['9.00', 900],
    ['0.01', 1],
    [' 1,234 ', 123400],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseAmountCents(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['-5', "isn't a positive dollar amount"],
    ['0', "isn't a positive dollar amount"],
    ['-0', "isn't a positive dollar amount"],
    ['0.00', "isn't a positive dollar amount"],
    ['0.001', 'has more than two decimal places'],
    ['12.345', 'has more than two decimal places'],
    ['1e9', "isn't a dollar amount"],
    ['NaN', "isn't a dollar amount"],
    ['١٠٠', "isn't a dollar amount"],
    ['12,34', "isn't a dollar amount"],
    ['$', "isn't a dollar amount"],
    ['', 'is missing'],
    ['99999999999999999', 'is far too large'],
  ])('refuses %s: %s', (text, reason) => {
    expect(parseAmountCents(text)).toEqual({ ok: false, reason });
  });

  it('refuses amounts over a configured maximum', () => {
    expect(parseAmountCents('5,000.01', { maxCents: 500000 })).toEqual({
      ok: false,
      reason: 'is over the limit of $5,000.00',
    });
    expect(parseAmountCents('5,000', { maxCents: 500000 })).toEqual({ ok: true, cents: 500000 });
  });
});

describe('money display', () => {
  it('formats cents as en-US dollars and as exact CSV decimals', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(900)).toBe('$9.00');
    expect(centsToDecimalString(200000)).toBe('2000.00');
    expect(centsToDecimalString(5)).toBe('0.05');
    expect(centsToDecimalString(-1050)).toBe('-10.50');
  });
});

describe('an amount with a space in its digits', () => {
  it.each([
    ['1 000', 'has a space in it; write it as 1000 or 1,000'],
    ['$12 500.50', 'has a space in it; write it as 12500.50 or 12,500.50'],
    ['1 000 000', 'has a space in it; write it as 1000000 or 1,000,000'],
  ])('refuses %s and says how to write it', (text, reason) => {
    expect(parseAmountCents(text)).toEqual({ ok: false, reason });
  });

  it('keeps digit groups with the amount when a command splits off the description', () => {
    expect(splitLeadingAmount('1 000 rent')).toEqual({ amountText: '1 000', rest: 'rent' });
    expect(splitLeadingAmount('$1 000.50')).toEqual({ amountText: '$1 000.50', rest: '' });
    // A four-digit amount is whole: what follows is the description, digits or not.
    expect(splitLeadingAmount('2000 500 bonus')).toEqual({ amountText: '2000', rest: '500 bonus' });
    expect(splitLeadingAmount('  9.00   Answers  for May ')).toEqual({
      amountText: '9.00',
      rest: 'Answers for May',
    });
  });
});
