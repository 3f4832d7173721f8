import { isTimeZone, localDateTime, taxYearOf, taxYearRange } from '../../../../src/domain/tax/tax-year';

describe('tax years in the reporting time zone', () => {
  it('a transfer at 23:30 on Dec 31 in New York is in that year, though it is Jan 1 in UTC', () => {
    const lateNewYearsEve = new Date('2027-01-01T04:30:00Z'); // 2026-12-31 23:30 EST
    expect(taxYearOf(lateNewYearsEve, 'America/New_York')).toBe(2026);
    expect(taxYearOf(lateNewYearsEve, 'UTC')).toBe(2027);
    expect(localDateTime(lateNewYearsEve, 'America/New_York')).toBe('2026-12-31 23:30');
  });

  it('a year runs from local midnight on Jan 1 to local midnight the next Jan 1', () => {
    expect(taxYearRange(2026, 'America/New_York')).toEqual({
      from: new Date('2026-01-01T05:00:00Z'),
      to: new Date('2027-01-01T05:00:00Z'),
    });
    expect(taxYearRange(2026, 'America/Los_Angeles').from).toEqual(new Date('2026-01-01T08:00:00Z'));
    expect(taxYearRange(2026, 'UTC').to).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('the last instant before local midnight and midnight itself fall in different years', () => {
    const { to } = taxYearRange(2026, 'America/New_York');
    expect(taxYearOf(new Date(to.getTime() - 1), 'America/New_York')).toBe(2026);
    expect(taxYearOf(to, 'America/New_York')).toBe(2027);
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
