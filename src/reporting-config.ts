import { z } from 'zod';
import { isTimeZone } from './domain/tax/tax-year';

/*
 * The tax-reporting settings' schemas, read by src/config.ts (the only reader of process.env).
 * Messages never echo the value.
 */

/** REPORTING_TIME_ZONE: the IANA zone whose calendar years are the platform's tax years. */
export const reportingTimeZoneSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return 'America/New_York';
    if (!isTimeZone(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone like America/New_York' });
      return z.NEVER;
    }
    return value;
  });

/** TAX_THRESHOLDS_CENTS: `2026=200000,2027=210000`; each year given wins over the default table. */
export const taxThresholdsSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    const table: Record<number, number> = {};
    for (const pair of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
      const match = /^(\d{4})=(\d+)$/.exec(pair);
      const cents = Number(match?.[2]);
      if (!match || !Number.isSafeInteger(cents) || cents <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be year=cents pairs separated by commas, like 2026=200000,2027=210000',
        });
        return z.NEVER;
      }
      table[Number(match[1])] = cents;
    }
    return table;
  });
