/**
 * The federal Form 1099-NEC reporting threshold per tax year, in cents: a writer paid at least
 * this much in a calendar year gets a 1099-NEC ("$600 or more" / "$2,000 or more").
 *
 * Source: 26 U.S.C. §6041(a) as amended by P.L. 119-21 (the One Big Beautiful Bill Act, July 4,
 * 2025) §70433: $600 for payments made through December 31, 2025, $2,000 for payments made after
 * it, and from 2027 the $2,000 is adjusted for inflation each year (§6041(h)), rounded to $100.
 * The IRS publishes each indexed figure; until it does, a later year uses the latest year known
 * here, and the meter says so. Operators add a year with TAX_THRESHOLDS_CENTS (`2027=210000`).
 * https://www.law.cornell.edu/uscode/text/26/6041 · https://www.irs.gov/forms-pubs/about-form-1099-nec
 */
export const DEFAULT_TAX_THRESHOLDS_CENTS: Readonly<Record<number, number>> = {
  2025: 60_000,
  2026: 200_000,
};

export type TaxThreshold = {
  year: number;
  cents: number;
  /** False when the year has no figure of its own and the latest earlier one stands in. */
  known: boolean;
  /** The year whose figure is used. */
  fromYear: number;
};

/** The threshold for `year`: configured over the defaults; a year without one takes the nearest earlier. */
export function thresholdFor(year: number, configured: Readonly<Record<number, number>> = {}): TaxThreshold {
  const table: Record<number, number> = { ...DEFAULT_TAX_THRESHOLDS_CENTS, ...configured };
  const exact = table[year];
  if (exact !== undefined) return { year, cents: exact, known: true, fromYear: year };
  const years = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const earlier = years.filter((known) => known < year).at(-1);
  // Before the table's first year its oldest figure is the rule ($600 held from 1954 to 2025);
  // after its last, the figure is a stand-in until the year's indexed amount is configured.
  const fromYear = earlier ?? (years[0] as number);
  const known = earlier === undefined;
  return { year, cents: table[fromYear] as number, known, fromYear };
}

/** Reportable: at or above the threshold (the statute says "or more"). */
export function isOverThreshold(netCents: number, threshold: TaxThreshold): boolean {
  return netCents >= threshold.cents;
}

/** Within 20% below the threshold: worth watching before the year ends. */
export function isNearThreshold(netCents: number, threshold: TaxThreshold): boolean {
  return netCents < threshold.cents && netCents * 5 >= threshold.cents * 4;
}
