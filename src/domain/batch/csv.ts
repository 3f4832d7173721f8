import { CsvError, parse } from 'csv-parse/sync';
import { PaydeskError } from '../errors';
import { quoteInput } from '../mrkdwn';
import type { AmountBasis } from './types';

/** A run is at most this many lines (after the header), and its CSV at most this many bytes. */
export const MAX_RUN_LINES = 10_000;
export const MAX_CSV_BYTES = 10 * 1024 * 1024;

const COLUMNS = ['writer', 'amount', 'revenue', 'memo'] as const;
type Column = (typeof COLUMNS)[number];

export const CSV_SHAPE_HINT =
  'The first line names the columns: `writer,amount,memo` or `writer,revenue,memo` (memo is optional).';

/** A problem with the file as a whole: nothing is stored. */
export class BatchInputError extends PaydeskError {
  constructor(problem: string) {
    super('batch_invalid', `Couldn't read the payout run: ${problem} Nothing was changed.`);
  }
}

/** One record of the CSV, as text, with the line it ends on (what an editor shows). */
export type CsvRow = {
  line: number;
  writer: string;
  amount: string;
  memo: string | undefined;
  /** Set when the record itself is unusable (wrong number of fields); the line is skipped. */
  problem?: string;
};

export type ParsedCsv = {
  basis: AmountBasis;
  hasMemo: boolean;
  rows: CsvRow[];
  /** `,` or `;` (Excel's CSV where the decimal separator is a comma), read from the header. */
  delimiter: CsvDelimiter;
};

export type CsvDelimiter = ',' | ';';

/**
 * The header's separator: its column names have neither commas nor semicolons, so whichever of
 * the two it has (more of) separates the fields. Comma when it has neither (one column).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? '';
  const commas = firstLine.split(',').length - 1;
  const semicolons = firstLine.split(';').length - 1;
  return semicolons > commas ? ';' : ',';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The line a record ends on, from the bytes csv-parse has read when it emits the record (BOM
 * and the record's own line break included). Counted here because csv-parse's own line count
 * counts a CRLF inside a quoted field twice. Records come in order, so each call scans on.
 */
function lineCounter(text: string): (bytesRead: number) => number {
  const bytes = Buffer.from(text, 'utf8');
  let scanned = 0;
  let newlines = 0;
  return (bytesRead) => {
    for (; scanned < bytesRead && scanned < bytes.length; scanned += 1)
      if (bytes[scanned] === 10) newlines += 1;
    const endsWithBreak = bytesRead > 0 && bytes[bytesRead - 1] === 10;
    return newlines - (endsWithBreak ? 1 : 0) + 1;
  };
}

function header(record: string[]): {
  index: Record<Column, number | undefined>;
  basis: AmountBasis;
  width: number;
} {
  const names = record.map((cell) => cell.trim().toLowerCase());
  const index = {} as Record<Column, number | undefined>;
  names.forEach((name, i) => {
    if (name === '' && i === names.length - 1 && i > 0) return; // a trailing comma
    if (!(COLUMNS as readonly string[]).includes(name)) {
      throw new BatchInputError(
        `the header has a column ${quoteInput(record[i] ?? '')} Paydesk doesn't know. ${CSV_SHAPE_HINT}`,
      );
    }
    if (index[name as Column] !== undefined)
      throw new BatchInputError(`the header names ${quoteInput(name)} twice.`);
    index[name as Column] = i;
  });
  if (index.writer === undefined)
    throw new BatchInputError(`the header has no \`writer\` column. ${CSV_SHAPE_HINT}`);
  if (index.amount !== undefined && index.revenue !== undefined) {
    throw new BatchInputError('the header has both `amount` and `revenue`; use one of them.');
  }
  if (index.amount === undefined && index.revenue === undefined) {
    throw new BatchInputError(
      `the header has neither an \`amount\` nor a \`revenue\` column. ${CSV_SHAPE_HINT}`,
    );
  }
  const width = Math.max(...Object.values(index).map((i) => (i ?? 0) + 1));
  return { index, basis: index.amount !== undefined ? 'amount' : 'revenue', width };
}

/**
 * The CSV as rows of text, checked for shape only (writers and amounts are checked later, line by
 * line). Comma or semicolon separated (see `detectDelimiter`), LF or CRLF line ends, a byte-order
 * mark, quoted fields with separators or line breaks, blank lines and trailing separators are fine. Too big, too many lines, no header or an unreadable file → BatchInputError.
 */
export function parseBatchCsv(text: string): ParsedCsv {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CSV_BYTES) {
    // Just over the cap rounds to the cap: "10.0 MB; … at most 10.0 MB" would read as a contradiction.
    const size =
      formatBytes(bytes) === formatBytes(MAX_CSV_BYTES)
        ? `more than ${formatBytes(MAX_CSV_BYTES)}`
        : formatBytes(bytes);
    throw new BatchInputError(
      `the CSV is ${size}; a run takes at most ${formatBytes(MAX_CSV_BYTES)} and ${MAX_RUN_LINES.toLocaleString('en-US')} lines. Split it into several runs.`,
    );
  }
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      info: true,
      // The header, the allowed lines, and one more to notice there are too many.
      to: MAX_RUN_LINES + 2,
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new BatchInputError(
        `the CSV is malformed${line ? ` near line ${line}` : ''} (${error.message.replace(/^[^:]*: /, '').slice(0, 120)}). Check the quotes.`,
      );
    }
    throw error;
  }
  const [first, ...data] = records;
  if (!first) throw new BatchInputError(`the CSV is empty. ${CSV_SHAPE_HINT}`);
  const { index, basis, width } = header(first.record);
  if (data.length === 0) throw new BatchInputError('the CSV has a header but no lines to pay.');
  if (data.length > MAX_RUN_LINES) {
    throw new BatchInputError(
      `the CSV has more than ${MAX_RUN_LINES.toLocaleString('en-US')} lines; split it into several runs.`,
    );
  }
  const amountIndex = (basis === 'amount' ? index.amount : index.revenue) as number;
  const lineOf = lineCounter(text);
  lineOf(first.info.bytes);
  const rows = data.map(({ record, info }): CsvRow => {
    const cell = (i: number | undefined) => (i === undefined ? undefined : (record[i] ?? '').trim());
    const extra = record.slice(width).some((value) => value.trim() !== '');
    const row: CsvRow = {
      line: lineOf(info.bytes),
      writer: cell(index.writer) ?? '',
      amount: cell(amountIndex) ?? '',
      memo: cell(index.memo),
    };
    // A missing trailing memo is fine; a missing writer or amount, or extra values, are not.
    if (record.length <= Math.max(index.writer as number, amountIndex) || extra) {
      row.problem = `has ${record.length} fields but the header has ${width} (put quotes around a field with a comma)`;
    }
    return row;
  });
  return { basis, hasMemo: index.memo !== undefined, rows, delimiter };
}
