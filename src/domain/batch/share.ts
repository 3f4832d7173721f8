/**
 * Revenue share, in integer arithmetic only.
 *
 * The share is typed as a percentage with at most four decimals (`12.5`, `12.5%`, `33.3333`)
 * and kept as parts per million of the revenue (12.5 % → 125,000 ppm), so it is an exact
 * integer. A line's amount is
 *
 *     amountCents = round_half_up(revenueCents × sharePpm / 1,000,000)
 *
 * computed with BigInt: the remainder of the division decides, and half a cent or more rounds
 * up (every value is positive, so half-up and half-away-from-zero agree). Each line is rounded
 * on its own, so the run's total is the sum of what each writer receives, to the cent.
 * Example: $10.05 revenue at 12.5 % is 125.625 cents → 126 cents ($1.26); $0.04 at 12.5 % is
 * exactly half a cent → 1 cent; $0.03 at 12.5 % is 0.375 cents → 0 cents (skipped).
 */
export const SHARE_ROUNDING_RULE =
  'amount = revenue × share, rounded half-up to the cent on each line (exact integer arithmetic)';

const PPM_PER_PERCENT = 10_000;
const MILLION = 1_000_000n;

export type ShareParse = { ok: true; ppm: number; text: string } | { ok: false; reason: string };

export function parseSharePercent(raw: string): ShareParse {
  const text = raw.trim().replace(/\s*%$/, '');
  if (text === '') return { ok: false, reason: 'is missing' };
  const match = /^(?<whole>\d{1,3})(?:\.(?<fraction>\d{1,4}))?$/.exec(text);
  if (!match?.groups) {
    return /^\d+\.\d{5,}$/.test(text)
      ? { ok: false, reason: 'has more than four decimal places' }
      : { ok: false, reason: "isn't a percentage like 12.5" };
  }
  const whole = Number(match.groups.whole);
  const fraction = Number((match.groups.fraction ?? '').padEnd(4, '0'));
  const ppm = whole * PPM_PER_PERCENT + fraction;
  if (ppm === 0) return { ok: false, reason: 'must be more than 0 %' };
  if (ppm > 100 * PPM_PER_PERCENT) return { ok: false, reason: 'must be at most 100 %' };
  const normalised = match.groups.fraction
    ? `${whole}.${match.groups.fraction.replace(/0+$/, '')}`
    : String(whole);
  return { ok: true, ppm, text: normalised.replace(/\.$/, '') };
}

/** `revenueCents × sharePpm / 10⁶`, rounded half-up to a whole cent, without floats. */
export function revenueShareCents(revenueCents: number, sharePpm: number): number {
  if (!Number.isSafeInteger(revenueCents) || revenueCents < 0)
    throw new RangeError('revenue must be whole cents');
  if (!Number.isSafeInteger(sharePpm) || sharePpm < 0) throw new RangeError('share must be whole ppm');
  const product = BigInt(revenueCents) * BigInt(sharePpm);
  const quotient = product / MILLION;
  const remainder = product % MILLION;
  const rounded = remainder * 2n >= MILLION ? quotient + 1n : quotient;
  return Number(rounded);
}
