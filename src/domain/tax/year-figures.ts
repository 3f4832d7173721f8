import type { Writer } from '../onboarding/types';
import type { TaxDeps } from './deps';
import type { TaxDetails } from './tax-details';
import { taxYearOf, taxYearRange } from './tax-year';
import { isNearThreshold, isOverThreshold, type TaxThreshold, thresholdFor } from './thresholds';

export type WriterYear = {
  writerId: string;
  /** Undefined only if the writer's record is gone; their money still counts. */
  writer: Writer | undefined;
  paidCents: number;
  paidCount: number;
  reversedCents: number;
  reversalCount: number;
  netCents: number;
  over: boolean;
  near: boolean;
  taxDetails: TaxDetails;
};

export type YearFigures = {
  year: number;
  timeZone: string;
  threshold: TaxThreshold;
  /** Every writer with a payment or a reversal in the year, largest net first. */
  rows: WriterYear[];
  totals: { paidCents: number; reversedCents: number; netCents: number };
};

/** "This year" by the one clock, in the reporting zone. */
export function currentTaxYear(deps: Pick<TaxDeps, 'clock' | 'timeZone'>): number {
  return taxYearOf(deps.clock(), deps.timeZone);
}

/**
 * The year's figures per writer, the one source of the meter, the export and the alerts' sweep,
 * so they always agree (the rule of what counts when: tax/year-to-date.ts).
 */
export async function yearFigures(
  deps: Pick<TaxDeps, 'transfers' | 'writers' | 'timeZone' | 'thresholds'>,
  year: number,
): Promise<YearFigures> {
  const threshold = thresholdFor(year, deps.thresholds);
  const totals = await deps.transfers.moneyTotals(taxYearRange(year, deps.timeZone));
  const writers = new Map(
    (await deps.writers.findMany(totals.map((row) => row.writerId))).map((writer) => [writer.id, writer]),
  );
  const rows = totals.map((row): WriterYear => {
    const netCents = row.paidCents - row.reversedCents;
    const writer = writers.get(row.writerId);
    return {
      ...row,
      writer,
      netCents,
      over: isOverThreshold(netCents, threshold),
      near: isNearThreshold(netCents, threshold),
      taxDetails: writer?.taxDetails ?? 'missing',
    };
  });
  rows.sort((a, b) => b.netCents - a.netCents || nameOf(a).localeCompare(nameOf(b)));
  const sum = (pick: (row: WriterYear) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    year,
    timeZone: deps.timeZone,
    threshold,
    rows,
    totals: {
      paidCents: sum((row) => row.paidCents),
      reversedCents: sum((row) => row.reversedCents),
      netCents: sum((row) => row.netCents),
    },
  };
}

export function nameOf(row: Pick<WriterYear, 'writer' | 'writerId'>): string {
  return row.writer?.displayName ?? `writer ${row.writerId}`;
}
