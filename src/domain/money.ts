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

/** Digits with spaces between them (`1 000`, `$12 500.50`): a thousands separator some countries use. */
const SPACED_DIGITS = /^\$?(?<digits>\d[\d,]*(?:\s+[\d,]+)+)(?<fraction>\.\d+)?$/;

/** "has a space in it; write it as 1000 or 1,000" — the same digits, the two ways Paydesk reads. */
function spaceAdvice(digits: string, fraction: string): string {
  const whole = digits.replace(/[\s,]/g, '').replace(/^0+(?=\d)/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const ways = whole.length > 3 ? `${whole}${fraction} or ${grouped}${fraction}` : `${whole}${fraction}`;
  return `has a space in it; write it as ${ways}`;
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
  const spaced = SPACED_DIGITS.exec(text);
  if (spaced?.groups) return fail(spaceAdvice(spaced.groups.digits ?? '', spaced.groups.fraction ?? ''));
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

/**
 * Splits what follows a command into the amount and the rest (description or memo). Spaces
 * between digit groups stay with the amount (`1 000 rent` → `1 000` and `rent`), so the parser
 * refuses it and says how to write it, instead of reading $1.00 with "000 rent" as description.
 */
export function splitLeadingAmount(text: string): { amountText: string; rest: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = '', ...others] = words;
  let taken = 0;
  if (/^\$?\d{1,3}$/.test(first)) {
    while (taken < others.length && /^\d{3}(?:\.\d+)?$/.test(others[taken] ?? '')) {
      taken += 1;
      if (others[taken - 1]?.includes('.')) break;
    }
  }
  return { amountText: [first, ...others.slice(0, taken)].join(' '), rest: others.slice(taken).join(' ') };
}

/**
 * One line like `/transfer @maya 1 500 words` reads two ways: fifteen hundred dollars, or $1 with
 * a memo that starts with 500. Refused with both readings, never one rewrite to follow: following
 * "write it as 1500" would turn a $1 request into $1,500. Undefined when there is nothing to doubt.
 */
export function spacedAmountReadings(amountText: string, rest: string): string | undefined {
  const [lead = '', ...groups] = amountText.trim().split(/\s+/);
  if (groups.length === 0 || rest.trim() === '' || amountText.includes('.')) return undefined;
  const whole = `${lead}${groups.join('')}`.replace(/[$,]/g, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const first = lead.replace('$', '');
  const after = `${groups.join(' ')} ${rest.trim()}`;
  return `has a space in it, so it reads two ways: for $${grouped} write ${whole} or ${grouped}; for $${first} with "${after}" after it, write ${first}.00 ${after}`;
}
