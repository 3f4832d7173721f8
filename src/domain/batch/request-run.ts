import { PaydeskError } from '../errors';
import { formatCents } from '../money';
import { requiredApprovalsFor } from '../requests/approval-policy';
import { eligibleApprovers } from '../requests/conflict-of-interest';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from '../transfers/daily-cap';
import { MEMO_MAX } from '../transfers/request-transfer';
import { BatchInputError, type ParsedCsv, parseBatchCsv } from './csv';
import type { BatchDeps } from './deps';
import type { PreparedRun } from './ports';
import { resolveRows } from './resolve';
import { parseSharePercent } from './share';
import type { BalanceAtRequest, PayoutRunHeader, SkippedLine, SkipReason } from './types';
import { SKIP_REASON_LABEL } from './types';

export const SKIPPED_PREVIEW_MAX = 15;

export type BatchRequestInput = {
  /** A pasted CSV; or `fileId`, a CSV file uploaded in Slack. */
  csv?: string;
  fileId?: string;
  /** Required when the CSV has a `revenue` column; ignored with `amount`. */
  sharePercent?: string;
  defaultMemo?: string;
  requestedBy: SlackUserRef;
  source: 'slack_modal' | 'api';
};

/** How long a preview waits for "Request approval". */
export const DRAFT_TTL_MS = 60 * 60_000;

export type ValidatedBatch = {
  parsed: ParsedCsv;
  sharePpm: number | null;
  sharePercent: string | null;
  defaultMemo: string;
};

/**
 * Everything that can be checked without the database: size, shape, header, share, memo.
 * Throws BatchInputError (with `field` naming the modal input at fault) and changes nothing.
 */
export function validateBatchInput(
  input: { csv: string } & Pick<BatchRequestInput, 'sharePercent' | 'defaultMemo'>,
  csvField: 'csv' | 'file' = 'csv',
): ValidatedBatch {
  const defaultMemo = (input.defaultMemo ?? '').trim();
  if (defaultMemo.length > MEMO_MAX) {
    throw Object.assign(new BatchInputError(`the default memo is longer than ${MEMO_MAX} characters.`), {
      field: 'memo',
    });
  }
  let parsed: ParsedCsv;
  try {
    parsed = parseBatchCsv(input.csv);
  } catch (error) {
    throw Object.assign(error as Error, { field: csvField });
  }
  if (parsed.basis === 'amount') return { parsed, sharePpm: null, sharePercent: null, defaultMemo };
  const share = parseSharePercent(input.sharePercent ?? '');
  if (!share.ok) {
    throw Object.assign(
      new BatchInputError(
        share.reason === 'is missing'
          ? 'the CSV has a `revenue` column, so say what share of it writers get (a percentage like 12.5).'
          : `the revenue share ${share.reason}.`,
      ),
      { field: 'share' },
    );
  }
  return { parsed, sharePpm: share.ppm, sharePercent: share.text, defaultMemo };
}

function countByReason(skipped: SkippedLine[]): Partial<Record<SkipReason, number>> {
  const counts: Partial<Record<SkipReason, number>> = {};
  for (const skip of skipped) counts[skip.reason] = (counts[skip.reason] ?? 0) + 1;
  return counts;
}

function skippedLineNumbers(skipped: SkippedLine[]): Partial<Record<SkipReason, number[]>> {
  const byReason: Partial<Record<SkipReason, number[]>> = {};
  for (const skip of skipped) {
    const list = byReason[skip.reason] ?? [];
    if (list.length < 500) list.push(skip.line);
    byReason[skip.reason] = list;
  }
  return byReason;
}

export function describeSkips(counts: Partial<Record<SkipReason, number>>): string {
  return Object.entries(counts)
    .map(([reason, count]) => `${count.toLocaleString('en-US')} ${SKIP_REASON_LABEL[reason as SkipReason]}`)
    .join(', ');
}

async function balanceNow(deps: BatchDeps): Promise<BalanceAtRequest | null> {
  const [balance, inFlight] = await Promise.all([
    deps.stripe.balance().catch(() => undefined),
    deps.topups.inFlight().catch(() => []),
  ]);
  if (!balance) return null;
  return {
    availableCents: balance.availableCents,
    pendingCents: balance.pendingCents,
    pendingTopups: inFlight
      .map((topup) => ({
        ref: topup.ref,
        amountCents: topup.amountCents,
        expectedAvailableAt: topup.status === 'pending' ? topup.expectedAvailableAt : null,
      }))
      .slice(0, 5),
  };
}

export type BatchRequestResult = { run: PayoutRunHeader; warnings: string[] };

/** What the requester sees before anything is posted (see `previewPayoutRun`). */
export type RunPreview = {
  /** The stored draft "Request approval" claims. */
  draftId: string;
  prepared: PreparedRun;
  totalCents: number;
  requiredApprovals: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
  balance: BalanceAtRequest | null;
  warnings: string[];
};

/**
 * Reads the CSV (pasted, or the uploaded file), resolves every line and checks what can make the
 * whole run impossible (no payable line, a total over the daily cap). Bad input throws
 * BatchInputError with the form field at fault; nothing is stored.
 */
async function prepareRun(deps: BatchDeps, input: BatchRequestInput): Promise<PreparedRun> {
  const fromFile = input.fileId ? await deps.files.readText(input.fileId) : undefined;
  const csv = fromFile?.text ?? input.csv ?? '';
  const validated = validateBatchInput({ ...input, csv }, fromFile ? 'file' : 'csv');
  const { lines, skipped } = await resolveRows(validated.parsed, {
    teamId: input.requestedBy.teamId,
    sharePpm: validated.sharePpm,
    defaultMemo: validated.defaultMemo,
    maxTransferCents: deps.policy.maxTransferCents,
    writers: deps.writers,
    people: deps.people,
  });
  const field = fromFile ? 'file' : 'csv';
  if (lines.length === 0) {
    throw Object.assign(
      new BatchInputError(
        `none of the ${skipped.length.toLocaleString('en-US')} lines can be paid (${describeSkips(countByReason(skipped))}).${
          skipped[0] ? ` Line ${skipped[0].line}: ${skipped[0].detail}.` : ''
        }`,
      ),
      { field },
    );
  }
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const cap = deps.policy.dailyTransferCapCents;
  if (total > cap) {
    throw Object.assign(
      new BatchInputError(
        `the run's total of ${formatCents(total)} is more than the daily transfer cap of ${formatCents(cap)}, so it could never be approved. Split it into runs of at most ${formatCents(cap)}.`,
      ),
      { field },
    );
  }
  return {
    basis: validated.parsed.basis,
    sharePercent: validated.sharePercent,
    sharePpm: validated.sharePpm,
    defaultMemo: validated.defaultMemo,
    source: input.source,
    sourceBytes: Buffer.byteLength(csv, 'utf8'),
    sourceName: fromFile?.name ?? null,
    lines,
    skipped,
  };
}

const totalOf = (prepared: PreparedRun) => prepared.lines.reduce((sum, line) => sum + line.amountCents, 0);

/** Today's cap already used and the balance now, as warnings (neither stops a request). */
async function runWarnings(
  deps: BatchDeps,
  total: number,
): Promise<{ warnings: string[]; balance: BalanceAtRequest | null }> {
  const cap = deps.policy.dailyTransferCapCents;
  const warnings: string[] = [];
  const [usedToday, balance] = await Promise.all([
    deps.dailyTotals.used(capDayOf(deps.clock())),
    balanceNow(deps),
  ]);
  if (usedToday + total > cap) {
    warnings.push(
      `${formatCents(usedToday)} of today's ${formatCents(cap)} transfer cap is already approved, so this run can only be approved once there is room (tomorrow, UTC).`,
    );
  }
  if (balance && balance.availableCents < total) {
    warnings.push(
      `The available balance is ${formatCents(balance.availableCents)}, less than the run's ${formatCents(total)}; it will pause when the money runs out, until a top-up settles.`,
    );
  }
  return { warnings, balance };
}

/**
 * The form's Preview: reads and resolves the CSV and keeps the result as a draft for its
 * requester; nothing is posted and nothing can be approved yet. Only "Request approval"
 * (`requestPreviewedRun`) makes it a run.
 */
export async function previewPayoutRun(deps: BatchDeps, input: BatchRequestInput): Promise<RunPreview> {
  const prepared = await prepareRun(deps, input);
  const totalCents = totalOf(prepared);
  const now = deps.clock();
  const [{ warnings, balance }, draftId] = await Promise.all([
    runWarnings(deps, totalCents),
    deps.drafts.save(input.requestedBy, prepared, now, new Date(now.getTime() + DRAFT_TTL_MS)),
  ]);
  return {
    draftId,
    prepared,
    totalCents,
    requiredApprovals: requiredApprovalsFor(totalCents, deps.policy.dualApprovalAboveCents),
    skippedByReason: countByReason(prepared.skipped),
    balance,
    warnings,
  };
}

/** The preview again (another page of its lines), for its requester only; undefined once it is gone. */
export async function previewOfDraft(
  deps: BatchDeps,
  draftId: string,
  user: SlackUserRef,
): Promise<RunPreview | undefined> {
  const prepared = await deps.drafts.load(draftId, user.userId, deps.clock());
  if (!prepared) return undefined;
  const totalCents = totalOf(prepared);
  const { warnings, balance } = await runWarnings(deps, totalCents);
  return {
    draftId,
    prepared,
    totalCents,
    requiredApprovals: requiredApprovalsFor(totalCents, deps.policy.dualApprovalAboveCents),
    skippedByReason: countByReason(prepared.skipped),
    balance,
    warnings,
  };
}

/** "Request approval" on a preview: the draft becomes a run (once), posted to the finance channel. */
export async function requestPreviewedRun(
  deps: BatchDeps,
  input: { draftId: string; requestedBy: SlackUserRef },
): Promise<BatchRequestResult> {
  const prepared = await deps.drafts.claim(input.draftId, input.requestedBy.userId, deps.clock());
  if (!prepared) {
    throw new PaydeskError(
      'batch_draft_gone',
      'That preview was already requested, or is more than an hour old. Start again with `/payouts batch`. Nothing was changed.',
    );
  }
  return createRun(deps, prepared, input.requestedBy);
}

/**
 * Reads the CSV, resolves every line, and stores the run (lines with their cents, skipped lines
 * with their reasons) before anything moves; then posts it with Approve / Reject. Bad input
 * throws BatchInputError and stores nothing. (The Slack form goes through a preview first.)
 */
export async function requestPayoutRun(
  deps: BatchDeps,
  input: BatchRequestInput,
): Promise<BatchRequestResult> {
  return createRun(deps, await prepareRun(deps, input), input.requestedBy);
}

async function createRun(
  deps: BatchDeps,
  prepared: PreparedRun,
  requestedBy: SlackUserRef,
): Promise<BatchRequestResult> {
  const { lines, skipped } = prepared;
  const total = totalOf(prepared);
  const skippedByReason = countByReason(skipped);
  const now = deps.clock();
  const { warnings, balance } = await runWarnings(deps, total);
  const run = await deps.runs.create({
    amountCents: total,
    currency: 'usd',
    status: 'requested',
    requestedBy,
    requestedAt: now,
    requiredApprovals: requiredApprovalsFor(total, deps.policy.dualApprovalAboveCents),
    eligibleApprovers: await eligibleApprovers(
      deps.lineDeps.approvers,
      requestedBy.userId,
      lines.map((line) => line.writerSlackUserId),
    ),
    approvals: [],
    rejection: null,
    decidedAt: null,
    basis: prepared.basis,
    sharePercent: prepared.sharePercent,
    sharePpm: prepared.sharePpm,
    defaultMemo: prepared.defaultMemo,
    source: prepared.source,
    sourceBytes: prepared.sourceBytes,
    lines,
    skipped,
    lineCount: lines.length,
    skippedCount: skipped.length,
    skippedPreview: skipped.slice(0, SKIPPED_PREVIEW_MAX),
    skippedByReason,
    balanceAtRequest: balance,
    slackMessage: null,
    failure: null,
    lease: { holder: null, expiresAt: new Date(0) },
    startedAt: null,
    pause: null,
    resumedAt: null,
    resumedBy: null,
    retryPlan: [],
    completedAt: null,
    progress: null,
    summaryState: 'none',
    resultsFileId: null,
  });
  const { lines: _lines, skipped: _skipped, ...header } = run;
  await deps.audit.append({
    actor: { kind: 'slack', ...requestedBy },
    action: 'batch.requested',
    subject: { type: 'payout_run', id: run.ref },
    details: {
      runId: run.id,
      amountCents: total,
      lines: lines.length,
      skipped: skipped.length,
      skippedByReason,
      // The skipped lines' numbers by reason (why each is in the results CSV), at most 500 each.
      skippedLines: skippedLineNumbers(skipped),
      basis: run.basis,
      sharePercent: run.sharePercent,
      source: run.source,
      ...(prepared.sourceName ? { file: prepared.sourceName } : {}),
    },
  });
  const message = await deps.notifier.postRun(header);
  if (message) await deps.runs.setSlackMessage(run.id, message);
  return { run: { ...header, slackMessage: message ?? null }, warnings };
}
