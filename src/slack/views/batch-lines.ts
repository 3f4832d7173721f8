import type { KnownBlock, ModalView } from '@slack/types';
import type { PreparedRun } from '../../domain/batch/ports';
import { latestAttempts } from '../../domain/batch/results';
import type { PayoutRun, PayoutRunLine, SkippedLine, SkipReason } from '../../domain/batch/types';
import { formatCents } from '../../domain/money';
import type { Transfer } from '../../domain/transfers/types';
import { ACTIONS, VIEWS } from '../ids';
import { actions, button, context, section } from './blocks';
import { escapeMrkdwn, mention } from './escape';

/** Lines per page of a lines modal, in sections of LINES_PER_SECTION (each under 3,000 characters). */
export const LINES_PER_PAGE = 40;
const LINES_PER_SECTION = 10;
const DETAIL_MAX = 140;

/** One line as the lines views show it: who, how much, what for, and where it stands, in words. */
export type LineRow = {
  line: number;
  who: string;
  amount: string;
  memo: string;
  status: string;
  ok: boolean;
};

/** A skipped line's status, in the words of the preview. */
export const SKIP_STATUS: Record<SkipReason, string> = {
  unknown_writer: 'unknown',
  ambiguous_writer: 'ambiguous',
  not_connected: 'not connected',
  restricted: 'restricted',
  duplicate_writer: 'duplicate',
  invalid_amount: 'malformed',
  invalid_memo: 'malformed',
  invalid_line: 'malformed',
};

const quoted = (text: string) =>
  text.trim() === '' ? '(empty)' : `\`${escapeMrkdwn(text.replaceAll('`', "'").slice(0, 60))}\``;
const short = (text: string) => (text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text);

function payableRow(line: PayoutRunLine, status: string, ok: boolean): LineRow {
  return {
    line: line.line,
    who: mention(line.writerSlackUserId),
    amount: formatCents(line.amountCents),
    memo: escapeMrkdwn(line.memo),
    status,
    ok,
  };
}

function skippedRow(skip: SkippedLine): LineRow {
  return {
    line: skip.line,
    who: quoted(skip.writerInput),
    amount: skip.amount ? quoted(skip.amount) : '',
    memo: '',
    // The detail was written for Slack (mentions, quoted input), so it is shown as is.
    status: `${SKIP_STATUS[skip.reason]} — ${short(skip.detail)}`,
    ok: false,
  };
}

const byLine = (a: LineRow, b: LineRow) => a.line - b.line;

/** A preview's lines: ready, or why not. */
export function previewRows(prepared: Pick<PreparedRun, 'lines' | 'skipped'>): LineRow[] {
  return [
    ...prepared.lines.map((line) => payableRow(line, 'ready', true)),
    ...prepared.skipped.map(skippedRow),
  ].sort(byLine);
}

function transferStatus(transfer: Transfer | undefined, runStatus: PayoutRun['status']): [string, boolean] {
  if (!transfer) {
    if (runStatus === 'canceled') return ['not paid (run cancelled)', false];
    if (runStatus === 'requested' || runStatus === 'approved') return ['to pay', true];
    return ['waiting', true];
  }
  switch (transfer.status) {
    case 'paid':
      return [`paid · ${transfer.ref}`, true];
    case 'reversed':
      return [`reversed · ${transfer.ref}`, false];
    case 'failed':
      return [
        transfer.failure?.code === 'balance_insufficient' && runStatus !== 'canceled'
          ? 'waiting for balance'
          : `failed — ${escapeMrkdwn(short(transfer.failure?.message ?? 'Stripe refused it'))}`,
        false,
      ];
    default:
      return ['sending to Stripe', true];
  }
}

/** A stored run's lines, with where each one stands now. */
export function runRows(run: PayoutRun, transfers: Transfer[]): LineRow[] {
  const latest = latestAttempts(transfers);
  return [
    ...run.lines.map((line) => {
      const [status, ok] = transferStatus(latest.get(line.line), run.status);
      return payableRow(line, status, ok);
    }),
    ...run.skipped.map((skip) => ({ ...skippedRow(skip), status: `skipped: ${skippedRow(skip).status}` })),
  ].sort(byLine);
}

function rowText(row: LineRow): string {
  const icon = row.ok ? '' : ':warning: ';
  const memo = row.memo ? ` · ${row.memo.slice(0, 80)}` : '';
  return `*${row.line}* · ${row.who} · ${row.amount || '—'}${memo} · ${icon}${row.status}`;
}

export function pageCount(rows: number): number {
  return Math.max(1, Math.ceil(rows / LINES_PER_PAGE));
}

/** The action ids of the paging buttons of `pagingActionId`. */
export const pagingActionIds = (pagingActionId: string) => new RegExp(`^${pagingActionId}:(prev|next)$`);

/** One page of lines and, when there are more, Previous / Next buttons carrying `pageValue(page)`. */
export function lineBlocks(
  rows: LineRow[],
  page: number,
  pagingActionId: string,
  pageValue: (page: number) => string,
): KnownBlock[] {
  const pages = pageCount(rows.length);
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = rows.slice(current * LINES_PER_PAGE, (current + 1) * LINES_PER_PAGE);
  const blocks: KnownBlock[] = [
    context(
      rows.length === 0
        ? 'No lines.'
        : `Lines ${(current * LINES_PER_PAGE + 1).toLocaleString('en-US')}–${(current * LINES_PER_PAGE + shown.length).toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} (CSV line numbers; line 1 is the header) · page ${current + 1} of ${pages}`,
    ),
  ];
  for (let i = 0; i < shown.length; i += LINES_PER_SECTION) {
    blocks.push(
      section(
        shown
          .slice(i, i + LINES_PER_SECTION)
          .map(rowText)
          .join('\n')
          .slice(0, 2990),
      ),
    );
  }
  if (pages > 1) {
    // Action ids are unique within a block: `<paging id>:prev` and `<paging id>:next`.
    const buttons = [];
    if (current > 0) buttons.push(button('◀ Previous', `${pagingActionId}:prev`, pageValue(current - 1)));
    if (current < pages - 1) buttons.push(button('Next ▶', `${pagingActionId}:next`, pageValue(current + 1)));
    blocks.push(actions(`lines_page_${current}`, ...buttons));
  }
  return blocks;
}

/** "View lines" on a run's message: every line, paged. */
export function batchLinesModal(run: PayoutRun, transfers: Transfer[], page = 0): ModalView {
  const rows = runRows(run, transfers);
  return {
    type: 'modal',
    callback_id: VIEWS.batchLines,
    private_metadata: JSON.stringify({ id: run.id, page }),
    title: { type: 'plain_text', text: `${run.ref} lines`.slice(0, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      section(
        `*${run.ref} · ${run.lineCount.toLocaleString('en-US')} lines to pay · ${formatCents(run.amountCents)}*${
          run.skippedCount > 0 ? ` · ${run.skippedCount.toLocaleString('en-US')} skipped` : ''
        }\nRequested by ${mention(run.requestedBy.userId)}`,
      ),
      ...lineBlocks(rows, page, ACTIONS.batchLinesPage, (next) => `${run.id}:${next}`),
    ],
  };
}
