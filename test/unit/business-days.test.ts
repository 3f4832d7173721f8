import { addBusinessDays, businessDaysBetween, fedHolidayOn, isBusinessDay } from '../../src/business-days';
import { expectedAvailability } from '../../src/domain/settlement';

/** Local calendar day at noon, the way `format` shows dates. */
const day = (iso: string, hour = 12) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0, 0);
};
const iso = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

describe('Federal Reserve business days', () => {
  // The Fed's published schedule (K.8) for 2026 and 2027: a Saturday holiday is not moved to
  // the Friday before (the Reserve Banks are open), a Sunday holiday is observed on Monday.
  const closed: [string, string][] = [
    ['2026-01-01', "New Year's Day"],
    ['2026-01-19', 'Birthday of Martin Luther King, Jr.'],
    ['2026-02-16', "Washington's Birthday"],
    ['2026-05-25', 'Memorial Day'],
    ['2026-06-19', 'Juneteenth National Independence Day'],
    ['2026-09-07', 'Labor Day'],
    ['2026-10-12', 'Columbus Day'],
    ['2026-11-11', 'Veterans Day'],
    ['2026-11-26', 'Thanksgiving Day'],
    ['2026-12-25', 'Christmas Day'],
    ['2027-01-01', "New Year's Day"],
    ['2027-01-18', 'Birthday of Martin Luther King, Jr.'],
    ['2027-02-15', "Washington's Birthday"],
    ['2027-05-31', 'Memorial Day'],
    ['2027-07-05', 'Independence Day'],
    ['2027-09-06', 'Labor Day'],
    ['2027-10-11', 'Columbus Day'],
    ['2027-11-11', 'Veterans Day'],
    ['2027-11-25', 'Thanksgiving Day'],
  ];
  it.each(closed)('%s (%s) is not a business day', (date, name) => {
    expect(fedHolidayOn(day(date))).toBe(name);
    expect(isBusinessDay(day(date))).toBe(false);
  });

  it.each([
    ['2026-07-03', 'Friday before Independence Day on a Saturday'],
    ['2027-06-18', 'Friday before Juneteenth on a Saturday'],
    ['2027-12-24', 'Friday before Christmas on a Saturday'],
    ['2027-12-31', "Friday before New Year's Day 2028 on a Saturday"],
    ['2026-11-27', 'the day after Thanksgiving'],
    ['2026-12-24', 'Christmas Eve'],
    ['2026-12-31', "New Year's Eve"],
  ])('%s (%s) is a business day', (date) => {
    expect(isBusinessDay(day(date))).toBe(true);
  });

  it('weekends are never business days', () => {
    expect(isBusinessDay(day('2026-11-28'))).toBe(false);
    expect(isBusinessDay(day('2026-11-29'))).toBe(false);
    expect(isBusinessDay(day('2026-11-30'))).toBe(true);
  });

  // [start, business days, expected end]
  const table: [string, number, string][] = [
    ['2026-11-25', 5, '2026-12-03'], // Wednesday before Thanksgiving
    ['2026-11-28', 5, '2026-12-04'], // Saturday
    ['2026-11-29', 5, '2026-12-04'], // Sunday
    ['2026-11-29', 1, '2026-11-30'],
    ['2026-11-27', 1, '2026-11-30'],
    ['2026-12-24', 5, '2027-01-04'], // Christmas and New Year's Day, across the year end
    ['2026-12-31', 5, '2027-01-08'],
    ['2027-12-24', 5, '2027-12-31'], // Christmas on a Saturday: no Friday or Monday off
    ['2027-12-31', 1, '2028-01-03'], // New Year's Day 2028 on a Saturday
    ['2026-07-02', 1, '2026-07-03'], // the Fed is open on Friday, July 3, 2026
    ['2026-07-03', 5, '2026-07-10'],
    ['2027-07-02', 1, '2027-07-06'], // July 4, 2027 is a Sunday: closed Monday the 5th
    ['2026-01-16', 1, '2026-01-20'], // MLK Day
    ['2026-02-13', 1, '2026-02-17'],
    ['2026-05-22', 1, '2026-05-26'],
    ['2026-06-18', 1, '2026-06-22'],
    ['2026-09-04', 1, '2026-09-08'],
    ['2026-10-09', 1, '2026-10-13'],
    ['2026-11-10', 1, '2026-11-12'],
    ['2027-01-15', 1, '2027-01-19'],
    ['2027-02-12', 1, '2027-02-16'],
    ['2027-05-28', 1, '2027-06-01'],
    ['2027-09-03', 1, '2027-09-07'],
    ['2027-10-08', 1, '2027-10-12'],
    ['2027-11-10', 1, '2027-11-12'],
    ['2027-11-24', 1, '2027-11-26'],
    ['2026-11-30', 0, '2026-11-30'],
  ];
  it.each(table)('%s plus %i business days is %s, and the count back is the same', (start, days, end) => {
    const from = day(start);
    const to = addBusinessDays(from, days);
    expect(iso(to)).toBe(end);
    expect(to.getHours()).toBe(12);
    expect(businessDaysBetween(from, to)).toBe(days);
  });

  it('counts from any start, late in the evening included, as the inverse of adding', () => {
    for (let offset = 0; offset < 800; offset += 1) {
      const start = new Date(2026, 0, 1 + offset, 23, 30);
      for (const days of [1, 5, 12]) {
        expect(businessDaysBetween(start, addBusinessDays(start, days))).toBe(days);
      }
    }
  });

  it('a top-up submitted on Sunday and available on Friday took 5 business days', () => {
    expect(businessDaysBetween(day('2026-11-29', 23), day('2026-12-04', 9))).toBe(5);
    expect(businessDaysBetween(day('2026-12-04', 9), day('2026-11-29', 23))).toBe(0);
    expect(businessDaysBetween(day('2026-11-30', 9), day('2026-11-30', 17))).toBe(0);
  });

  it("uses Stripe's expected date when Stripe gives one, else 5 business days", () => {
    const submitted = day('2026-11-25');
    expect(iso(expectedAvailability(submitted))).toBe('2026-12-03');
    expect(expectedAvailability(submitted, 1_800_000_000).getTime()).toBe(1_800_000_000_000);
  });
});
