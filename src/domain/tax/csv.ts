import { stringify } from 'csv-stringify/sync';
import { inert } from '../batch/results';
import { centsToDecimalString } from '../money';
import type { Statement } from './statement';
import { TAX_DETAILS_WORDS } from './tax-details';
import { localDateTime } from './tax-year';
import { nameOf, type YearFigures } from './year-figures';

/** One row per writer with money in the year: what the accountant files 1099-NECs from. */
export function taxExportCsv(figures: YearFigures): string {
  return stringify(
    figures.rows.map((row) => [
      figures.year,
      inert(nameOf(row)),
      inert(row.writer?.email ?? ''),
      row.writer?.stripeAccountId ?? '',
      centsToDecimalString(row.paidCents),
      centsToDecimalString(row.reversedCents),
      centsToDecimalString(row.netCents),
      row.over ? 'yes' : 'no',
      TAX_DETAILS_WORDS[row.taxDetails],
    ]),
    {
      header: true,
      columns: [
        'tax_year',
        'name',
        'email',
        'stripe_account_id',
        'total_paid_usd',
        'total_reversed_usd',
        'net_usd',
        `over_threshold_${centsToDecimalString(figures.threshold.cents)}`,
        'tax_details_on_file',
      ],
    },
  );
}

/** A writer's year, line by line, dates as the reporting zone's clock reads (named in the header). */
export function statementCsv(statement: Statement): string {
  const name = inert(statement.writer.displayName);
  return stringify(
    statement.lines.map((line) => [
      localDateTime(line.at, statement.timeZone),
      line.kind,
      name,
      centsToDecimalString(line.amountCents),
      inert(line.memo),
      inert(line.reason),
      line.ref,
      line.stripeTransferId ?? '',
      line.stripeReversalId ?? '',
    ]),
    {
      header: true,
      columns: [
        `date_${statement.timeZone}`,
        'type',
        'writer',
        'amount_usd',
        'memo',
        'reversal_reason',
        'paydesk_ref',
        'stripe_transfer_id',
        'stripe_reversal_id',
      ],
    },
  );
}
