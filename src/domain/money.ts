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

/** `1,500` or `1.500`: a separator that is a thousands one or a decimal one, depending on the locale. */
const EITHER_SEPARATOR = /^(?<whole>[1-9]\d{0,2})[,.](?<rest>\d{3})$/;

/** "reads two ways: $1,500.00 (write 1500) or $1.50 (write 1,50)" — both readings, neither guessed. */
function twoReadings(whole: string, rest: string): string {
  const thousands = `${formatCents(Number(`${whole}${rest}`) * 100)} (write ${whole}${rest})`;
  const decimal = rest.endsWith('0')
    ? `${formatCents(Number(whole) * 100 + Number(rest.slice(0, 2)))} (write ${whole},${rest.slice(0, 2)})`
    : `$${whole}.${rest}, which has more than two decimal places`;
  return `reads two ways: ${thousands} or ${decimal}`;
}

/**
 * Text from a file where a comma may mark the cents (Excel's semicolon-separated CSV in a
 * comma-decimal locale: `10,50`, `1.234,56`), rewritten as `amountCentsSchema` reads it, or why
 * it is refused. Only the separator changes; the digits stay text. Whichever of `,` and `.` comes
 * last marks the cents when it has one or two digits after it; a lone separator with three digits
 * after it reads two ways and is refused; anything else is left to `amountCentsSchema`.
 */
function fromDecimalComma(raw: string): { text: string } | { reason: string } {
  const text = raw.trim();
  const dollar = text.startsWith('$') ? '$' : '';
  const body = text.slice(dollar.length);
  if (/\d\s+\d/.test(body)) {
    // Advice for a comma file (`1,000`) would be wrong here, where `1 234,56` is $1,234.56.
    const squeezed = body.replace(/\s+/g, '');
    const read = parseAmountCents(squeezed, { decimalComma: true });
    return { reason: read.ok ? `has a space in it; write it as ${squeezed}` : read.reason };
  }
  const either = EITHER_SEPARATOR.exec(body);
  if (either?.groups) return { reason: twoReadings(either.groups.whole ?? '', either.groups.rest ?? '') };
  const commaCents = /^(?<whole>\d+|\d{1,3}(?:\.\d{3})+),(?<cents>\d{1,2})$/.exec(body);
  if (commaCents?.groups) {
    return { text: `${dollar}${commaCents.groups.whole?.replaceAll('.', '')}.${commaCents.groups.cents}` };
  }
  if (/^\d+,\d{3,}$/.test(body)) return { reason: 'has more than two decimal places' };
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(body)) return { text: `${dollar}${body.replaceAll('.', '')}` };
  return { text };
}

/**
 * `decimalComma`: the text comes from a file whose decimal separator may be a comma (see
 * `fromDecimalComma`); elsewhere a comma only ever groups thousands.
 */
export function parseAmountCents(
  text: string,
  options: { maxCents?: number; decimalComma?: boolean } = {},
): AmountParse {
  let typed = text;
  if (options.decimalComma) {
    const rewritten = fromDecimalComma(text);
    if ('reason' in rewritten) return { ok: false, reason: rewritten.reason };
    typed = rewritten.text;
  }
  const result = amountCentsSchema.safeParse(typed);
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
