import { formatCents, parseAmountCents } from '../money';
import { quoteInput } from '../mrkdwn';
import type { Writer } from '../onboarding/types';
import { MEMO_MAX } from '../transfers/request-transfer';
import type { CsvRow, ParsedCsv } from './csv';
import { findWriters } from './find-writers';
import type { PeopleDirectory } from './people';
import { revenueShareCents } from './share';
import type { PayoutRunLine, SkippedLine, SkipReason } from './types';

/** Looks writers up in bulk (one query each), scoped to the requester's workspace. */
export type BatchWriterDirectory = {
  bySlackUserIds(teamId: string, userIds: string[]): Promise<Writer[]>;
  /** Case-insensitive on the stored email. */
  byEmails(teamId: string, emails: string[]): Promise<Writer[]>;
  /** By the `acct_…` a writer is connected with. */
  byStripeAccountIds(teamId: string, accountIds: string[]): Promise<Writer[]>;
  /** By Paydesk writer id (a run's lines name them), for the re-check at approval. */
  byIds(ids: string[]): Promise<Writer[]>;
};

export { parseWriterRef, type WriterRef } from './writer-ref';

export type Skip = { reason: SkipReason; detail: string };

/**
 * Why a known writer cannot be paid now (`restricted` or `not_connected`, with the reason in
 * words), or undefined when they can: connected, transfers active (`active`) and an account id.
 * The same rule decides at request time (a skipped line) and at approval (see approve-run.ts).
 */
export function writerPayability(writer: Writer): Skip | undefined {
  const mention = `<@${writer.slackUserId}>`;
  if (writer.status === 'restricted') {
    return {
      reason: 'restricted',
      detail: `Stripe restricted ${mention}'s account until they provide: ${writer.requirementsDue.join(', ') || 'more details'}`,
    };
  }
  if (writer.status !== 'active' || !writer.stripeAccountId) {
    return {
      reason: 'not_connected',
      detail:
        writer.status === 'deauthorized'
          ? `${mention} disconnected their Stripe account`
          : `${mention} hasn't finished connecting their Stripe account`,
    };
  }
  return undefined;
}

export type ResolvedRun = { lines: PayoutRunLine[]; skipped: SkippedLine[] };

/**
 * Turns CSV rows into payable lines and skipped lines with a reason each. Rules, in order: the
 * writer must be named readably (see `parseWriterRef`), unambiguously, and be a Paydesk writer;
 * only the first line of each writer is paid (later ones are `duplicate_writer`); the writer must
 * be connected and not restricted; the amount must be a positive dollar amount up to
 * MAX_TRANSFER_CENTS (for revenue: the share of it, rounded half-up per line, must be at least a
 * cent); the memo at most 200 characters.
 */
export async function resolveRows(
  parsed: ParsedCsv,
  options: {
    teamId: string;
    sharePpm: number | null;
    defaultMemo: string;
    maxTransferCents: number;
    writers: BatchWriterDirectory;
    people: PeopleDirectory;
  },
): Promise<ResolvedRun> {
  const found = await findWriters(
    parsed.rows.map((row) => row.writer),
    options,
  );
  const lines: PayoutRunLine[] = [];
  const skipped: SkippedLine[] = [];
  const firstLineOf = new Map<string, number>();
  const judge = (row: CsvRow, i: number): PayoutRunLine | Skip => {
    const skip = (reason: SkipReason, detail: string): Skip => ({ reason, detail });
    if (row.problem) return skip('invalid_line', `the line ${row.problem}`);
    const who = found[i];
    if (!who || 'reason' in who) return who ?? skip('unknown_writer', 'no writer given');
    const { writer } = who;
    const first = firstLineOf.get(writer.id);
    if (first !== undefined)
      return skip(
        'duplicate_writer',
        `same writer as line ${first}; only the first line of a writer is paid`,
      );
    firstLineOf.set(writer.id, row.line);
    const unpayable = writerPayability(writer);
    if (unpayable || !writer.stripeAccountId) return unpayable ?? skip('not_connected', 'no Stripe account');
    const amount = lineAmount(row, parsed, options.sharePpm, options.maxTransferCents);
    if (!amount.ok) return skip('invalid_amount', amount.reason);
    const memo = (row.memo ?? '') === '' ? options.defaultMemo : (row.memo as string);
    if (memo.length > MEMO_MAX) return skip('invalid_memo', `the memo is longer than ${MEMO_MAX} characters`);
    return {
      line: row.line,
      writerInput: row.writer.slice(0, 200),
      writerId: writer.id,
      writerSlackUserId: writer.slackUserId,
      destination: writer.stripeAccountId,
      amountCents: amount.cents,
      revenueCents: amount.revenueCents,
      memo,
    };
  };
  parsed.rows.forEach((row, i) => {
    const judged = judge(row, i);
    if ('reason' in judged) {
      skipped.push({
        line: row.line,
        writerInput: row.writer.slice(0, 200),
        amount: row.amount.slice(0, 40),
        reason: judged.reason,
        detail: judged.detail,
      });
    } else {
      lines.push(judged);
    }
  });
  return { lines, skipped };
}

function lineAmount(
  row: CsvRow,
  { basis, delimiter }: Pick<ParsedCsv, 'basis' | 'delimiter'>,
  sharePpm: number | null,
  maxCents: number,
): { ok: true; cents: number; revenueCents: number | null } | { ok: false; reason: string } {
  // Excel separates fields with semicolons exactly where a comma marks the cents (`10,50`).
  const decimalComma = delimiter === ';';
  if (basis === 'amount') {
    const amount = parseAmountCents(row.amount, { maxCents, decimalComma });
    return amount.ok
      ? { ok: true, cents: amount.cents, revenueCents: null }
      : { ok: false, reason: `amount ${quoteInput(row.amount)} ${amount.reason}` };
  }
  const revenue = parseAmountCents(row.amount, { decimalComma });
  if (!revenue.ok) return { ok: false, reason: `revenue ${quoteInput(row.amount)} ${revenue.reason}` };
  const cents = revenueShareCents(revenue.cents, sharePpm ?? 0);
  if (cents === 0) return { ok: false, reason: `the share of ${formatCents(revenue.cents)} rounds to $0.00` };
  if (cents > maxCents) {
    return {
      ok: false,
      reason: `the share ${formatCents(cents)} is over the per-transfer limit of ${formatCents(maxCents)}`,
    };
  }
  return { ok: true, cents, revenueCents: revenue.cents };
}
