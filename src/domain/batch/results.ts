import { stringify } from 'csv-stringify/sync';
import { centsToDecimalString } from '../money';
import type { Transfer } from '../transfers/types';
import { type PayoutRun, type RunProgress, SKIP_REASON_LABEL } from './types';

export type LineOutcome = 'paid' | 'failed' | 'skipped' | 'open';

export type RunResultRow = {
  line: number;
  writerInput: string;
  writerSlackUserId: string | null;
  destination: string | null;
  revenueCents: number | null;
  amountCents: number | null;
  outcome: LineOutcome;
  transferRef: string | null;
  stripeTransferId: string | null;
  code: string | null;
  reason: string;
  memo: string;
  attempts: number;
};

export type RunSummary = RunProgress & {
  lineCount: number;
  skippedLines: number;
  failures: RunResultRow[];
};

export const RESULTS_CSV_COLUMNS = [
  'line',
  'writer',
  'slack_user_id',
  'stripe_account',
  'revenue_usd',
  'amount_usd',
  'status',
  'transfer_ref',
  'stripe_transfer_id',
  'reason_code',
  'reason',
  'memo',
  'attempts',
] as const;

/** The last attempt of each line (a line gets a new attempt only after a balance pause). */
export function latestAttempts(transfers: Transfer[]): Map<number, Transfer> {
  const latest = new Map<number, Transfer>();
  for (const transfer of transfers) {
    if (transfer.line === null) continue;
    const known = latest.get(transfer.line);
    if (!known || transfer.attempt > known.attempt) latest.set(transfer.line, transfer);
  }
  return latest;
}

export function outcomeOf(transfer: Transfer | undefined): LineOutcome {
  if (!transfer) return 'open';
  if (transfer.status === 'paid' || transfer.status === 'reversed') return 'paid';
  // Out of balance is not the line's failure: the run pauses and tries it again after a top-up.
  if (transfer.status === 'failed')
    return transfer.failure?.code === 'balance_insufficient' ? 'open' : 'failed';
  return 'open';
}

/** Every line of the run, paid, failed or skipped, in file order, from what is stored. */
export function runResults(
  run: PayoutRun,
  transfers: Transfer[],
): { rows: RunResultRow[]; summary: RunSummary } {
  const latest = latestAttempts(transfers);
  const attempts = new Map<number, number>();
  for (const transfer of transfers) {
    if (transfer.line !== null) attempts.set(transfer.line, (attempts.get(transfer.line) ?? 0) + 1);
  }
  const rows: RunResultRow[] = run.lines.map((line) => {
    const transfer = latest.get(line.line);
    const outcome = outcomeOf(transfer);
    return {
      line: line.line,
      writerInput: line.writerInput,
      writerSlackUserId: line.writerSlackUserId,
      destination: line.destination,
      revenueCents: line.revenueCents,
      amountCents: line.amountCents,
      outcome,
      transferRef: transfer?.ref ?? null,
      stripeTransferId: transfer?.stripeTransferId ?? null,
      code: outcome === 'failed' ? (transfer?.failure?.code ?? 'unknown') : null,
      reason:
        outcome === 'failed'
          ? (transfer?.failure?.message ?? 'Stripe refused it')
          : outcome === 'open'
            ? transfer?.failure?.code === 'balance_insufficient'
              ? 'waiting for balance'
              : 'not finished'
            : '',
      memo: line.memo,
      attempts: attempts.get(line.line) ?? 0,
    };
  });
  for (const skip of run.skipped) {
    rows.push({
      line: skip.line,
      writerInput: skip.writerInput,
      writerSlackUserId: null,
      destination: null,
      revenueCents: null,
      amountCents: null,
      outcome: 'skipped',
      transferRef: null,
      stripeTransferId: null,
      code: skip.reason,
      reason: `${SKIP_REASON_LABEL[skip.reason]}: ${skip.detail}`,
      memo: '',
      attempts: 0,
    });
  }
  rows.sort((a, b) => a.line - b.line);
  const sum = (outcome: LineOutcome) =>
    rows.filter((row) => row.outcome === outcome).reduce((total, row) => total + (row.amountCents ?? 0), 0);
  const count = (outcome: LineOutcome) => rows.filter((row) => row.outcome === outcome).length;
  return {
    rows,
    summary: {
      lineCount: run.lines.length,
      paidLines: count('paid'),
      paidCents: sum('paid'),
      failedLines: count('failed'),
      failedCents: sum('failed'),
      openLines: count('open'),
      skippedLines: run.skipped.length,
      failures: rows.filter((row) => row.outcome === 'failed'),
    },
  };
}

/** A spreadsheet must not run what a writer's name or memo says (`=HYPERLINK(…)`). */
export function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The `status` column in words a reader of the CSV understands ("open" meant nothing to them). */
const CSV_STATUS: Record<LineOutcome, string> = {
  paid: 'paid',
  failed: 'failed',
  skipped: 'skipped',
  open: 'not paid',
};

/** The results CSV uploaded at the end: amounts as exact dollars and cents (`12.34`). */
export function resultsCsv(rows: RunResultRow[]): string {
  return stringify(
    rows.map((row) => [
      row.line,
      inert(row.writerInput),
      row.writerSlackUserId ?? '',
      row.destination ?? '',
      row.revenueCents === null ? '' : centsToDecimalString(row.revenueCents),
      row.amountCents === null ? '' : centsToDecimalString(row.amountCents),
      CSV_STATUS[row.outcome],
      row.transferRef ?? '',
      row.stripeTransferId ?? '',
      row.code ?? '',
      inert(row.reason),
      inert(row.memo),
      row.attempts,
    ]),
    { header: true, columns: [...RESULTS_CSV_COLUMNS] },
  );
}
