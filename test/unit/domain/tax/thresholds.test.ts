import { loadConfig } from '../../../../src/config';
import {
  DEFAULT_TAX_THRESHOLDS_CENTS,
  isNearThreshold,
  isOverThreshold,
  thresholdFor,
} from '../../../../src/domain/tax/thresholds';
import { testEnv } from '../../../support/config';

describe('the 1099-NEC threshold per tax year', () => {
  it('is $600 through 2025 and $2,000 from 2026 (P.L. 119-21 §70433)', () => {
    expect(DEFAULT_TAX_THRESHOLDS_CENTS).toEqual({ 2025: 60_000, 2026: 200_000 });
    expect(thresholdFor(2024)).toMatchObject({ cents: 60_000, known: true });
    expect(thresholdFor(2025)).toMatchObject({ cents: 60_000, known: true });
    expect(thresholdFor(2026)).toMatchObject({ cents: 200_000, known: true });
  });

  it('uses the latest known figure for a year whose indexed amount is not configured, and says so', () => {
    expect(thresholdFor(2028)).toEqual({ year: 2028, cents: 200_000, known: false, fromYear: 2026 });
  });

  it('takes configured years over the defaults', () => {
    expect(thresholdFor(2027, { 2027: 210_000 })).toMatchObject({ cents: 210_000, known: true });
    expect(thresholdFor(2026, { 2026: 1_000 }).cents).toBe(1_000);
  });

  it('reports at or over the threshold ("or more") and within 20% below it', () => {
    const t = thresholdFor(2026);
    expect(isOverThreshold(200_000, t)).toBe(true);
    expect(isOverThreshold(199_999, t)).toBe(false);
    expect(isNearThreshold(199_999, t)).toBe(true);
    expect(isNearThreshold(160_000, t)).toBe(true);
    expect(isNearThreshold(159_999, t)).toBe(false);
    expect(isNearThreshold(200_000, t)).toBe(false);
  });
});

describe('REPORTING_TIME_ZONE and TAX_THRESHOLDS_CENTS', () => {
  it('default to New York and the built-in table', () => {
    expect(loadConfig(testEnv()).reporting).toEqual({ timeZone: 'America/New_York', taxThresholdsCents: {} });
  });

  it('read a zone and year=cents pairs', () => {
    const config = loadConfig(
      testEnv({ REPORTING_TIME_ZONE: 'America/Chicago', TAX_THRESHOLDS_CENTS: '2027=210000, 2028=220000' }),
    );
    expect(config.reporting).toEqual({
      timeZone: 'America/Chicago',
      taxThresholdsCents: { 2027: 210_000, 2028: 220_000 },
    });
  });

  it('refuse a zone that is not IANA and thresholds that are not whole cents per year', () => {
    expect(() => loadConfig(testEnv({ REPORTING_TIME_ZONE: 'Eastern' }))).toThrow(
      /REPORTING_TIME_ZONE must be an IANA time zone/,
    );
    expect(() => loadConfig(testEnv({ TAX_THRESHOLDS_CENTS: '2026=2000.00' }))).toThrow(
      /TAX_THRESHOLDS_CENTS must be year=cents pairs/,
    );
  });
});
