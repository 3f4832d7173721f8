import { formatCents, parseAmountCents } from '../money';
import { quoteInput } from '../mrkdwn';
import type { Writer } from '../onboarding/types';
import { MEMO_MAX, parseUserMention } from '../transfers/request-transfer';
import type { CsvRow, ParsedCsv } from './csv';
import { revenueShareCents } from './share';
import type { PayoutRunLine, SkippedLine, SkipReason } from './types';

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Looks writers up in bulk (one query each), scoped to the requester's workspace. */
export type BatchWriterDirectory = {
  bySlackUserIds(teamId: string, userIds: string[]): Promise<Writer[]>;
  /** Case-insensitive on the stored email. */
  byEmails(teamId: string, emails: string[]): Promise<Writer[]>;
  /** By Paydesk writer id (a run's lines name them), for the re-check at approval. */
  byIds(ids: string[]): Promise<Writer[]>;
};

type WriterRef = { kind: 'user'; userId: string } | { kind: 'email'; email: string; typed: string };

/** A Slack mention `<@U…|name>`, a bare user id `U…`, or an email address. */
export function parseWriterRef(text: string): WriterRef | undefined {
  const userId = parseUserMention(text.trim());
  if (userId) return { kind: 'user', userId };
  const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(text.trim());
  const email = (mailto?.[1] ?? text).trim();
  return EMAIL.test(email) ? { kind: 'email', email: email.toLowerCase(), typed: email } : undefined;
}

type Skip = { reason: SkipReason; detail: string };

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
 * writer must be named readably and be a Paydesk writer; only the first line of each writer is
 * paid (later ones are `duplicate_writer`); the writer must be connected and not restricted; the
 * amount must be a positive dollar amount up to MAX_TRANSFER_CENTS (for revenue: the share of it,
 * rounded half-up per line, must be at least a cent); the memo at most 200 characters.
 */
export async function resolveRows(
  parsed: ParsedCsv,
  options: {
    teamId: string;
    sharePpm: number | null;
    defaultMemo: string;
    maxTransferCents: number;
    writers: BatchWriterDirectory;
  },
): Promise<ResolvedRun> {
  const refs = parsed.rows.map((row) => parseWriterRef(row.writer));
  const userIds = [...new Set(refs.flatMap((ref) => (ref?.kind === 'user' ? [ref.userId] : [])))];
  const emails = [...new Set(refs.flatMap((ref) => (ref?.kind === 'email' ? [ref.email, ref.typed] : [])))];
  const [byId, byEmail] = await Promise.all([
    userIds.length > 0 ? options.writers.bySlackUserIds(options.teamId, userIds) : [],
    emails.length > 0 ? options.writers.byEmails(options.teamId, emails) : [],
  ]);
  const userMap = new Map(byId.map((writer) => [writer.slackUserId, writer]));
  const emailMap = new Map<string, Writer>();
  for (const writer of byEmail) if (writer.email) emailMap.set(writer.email.toLowerCase(), writer);

  const lines: PayoutRunLine[] = [];
  const skipped: SkippedLine[] = [];
  const firstLineOf = new Map<string, number>();
  const judge = (row: CsvRow, ref: WriterRef | undefined): PayoutRunLine | Skip => {
    const skip = (reason: SkipReason, detail: string): Skip => ({ reason, detail });
    if (row.problem) return skip('invalid_line', `the line ${row.problem}`);
    if (!ref) {
      return skip(
        'unknown_writer',
        row.writer === ''
          ? 'no writer given'
          : `${quoteInput(row.writer)} isn't a Slack mention, user id or email`,
      );
    }
    const writer = ref.kind === 'user' ? userMap.get(ref.userId) : emailMap.get(ref.email);
    const who = ref.kind === 'user' ? `<@${ref.userId}>` : quoteInput(ref.email);
    if (!writer)
      return skip('unknown_writer', `${who} isn't a Paydesk writer (invite them with \`/payouts invite\`)`);
    const first = firstLineOf.get(writer.id);
    if (first !== undefined)
      return skip(
        'duplicate_writer',
        `same writer as line ${first}; only the first line of a writer is paid`,
      );
    firstLineOf.set(writer.id, row.line);
    const unpayable = writerPayability(writer);
    if (unpayable || !writer.stripeAccountId) return unpayable ?? skip('not_connected', 'no Stripe account');
    const amount = lineAmount(row, parsed.basis, options.sharePpm, options.maxTransferCents);
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
    const judged = judge(row, refs[i]);
    if ('reason' in judged) {
      skipped.push({
        line: row.line,
        writerInput: row.writer.slice(0, 200),
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
  basis: ParsedCsv['basis'],
  sharePpm: number | null,
  maxCents: number,
): { ok: true; cents: number; revenueCents: number | null } | { ok: false; reason: string } {
  if (basis === 'amount') {
    const amount = parseAmountCents(row.amount, { maxCents });
    return amount.ok
      ? { ok: true, cents: amount.cents, revenueCents: null }
      : { ok: false, reason: `amount ${quoteInput(row.amount)} ${amount.reason}` };
  }
  const revenue = parseAmountCents(row.amount);
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
