import { z } from 'zod';

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.56` — the only way money is shown to people. */
export function formatCents(cents: number): string {
  return USD.format(cents / 100);
}

/** `1234.56` — dollars and cents for CSV files, exact (no float arithmetic). */
export function centsToDecimalString(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const AMOUNT_SHAPE = /^\$?(?<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d{1,2}))?$/;

/**
 * The one parser from what people type to integer cents: `2000`, `2,000.50`, `$1,234.56`.
 * Works on the digits as text, so no float ever holds the amount.
 */
export const amountCentsSchema = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (text === '') return fail('is missing');
  if (/^[-−]/.test(text) || /^\$[-−]/.test(text)) return fail("isn't a positive dollar amount");
  const match = AMOUNT_SHAPE.exec(text);
  if (!match?.groups) {
    if (/^\$?[\d,]*\.\d{3,}$/.test(text)) return fail('has more than two decimal places');
    return fail("isn't a dollar amount");
  }
  const whole = match.groups.whole?.replaceAll(',', '') ?? '0';
  const fraction = (match.groups.fraction ?? '').padEnd(2, '0');
  if (whole.replace(/^0+/, '').length > 13) return fail('is far too large');
  const cents = Number(whole) * 100 + Number(fraction);
  if (!Number.isSafeInteger(cents)) return fail('is far too large');
  if (cents === 0) return fail("isn't a positive dollar amount");
  return cents;
});

export type AmountParse = { ok: true; cents: number } | { ok: false; reason: string };

export function parseAmountCents(text: string, options: { maxCents?: number } = {}): AmountParse {
  const result = amountCentsSchema.safeParse(text);
  if (!result.success)
    return { ok: false, reason: result.error.issues[0]?.message ?? "isn't a dollar amount" };
  if (options.maxCents !== undefined && result.data > options.maxCents) {
    return { ok: false, reason: `is over the limit of ${formatCents(options.maxCents)}` };
  }
  return { ok: true, cents: result.data };
}
