import { formatCents } from '../money';
import { requiredApprovalsFor } from '../requests/approval-policy';
import { eligibleApprovers } from '../requests/conflict-of-interest';
import type { SlackUserRef } from '../requests/types';
import { capDayOf } from '../transfers/daily-cap';
import { MEMO_MAX } from '../transfers/request-transfer';
import { BatchInputError, type ParsedCsv, parseBatchCsv } from './csv';
import type { BatchDeps } from './deps';
import { resolveRows } from './resolve';
import { parseSharePercent } from './share';
import type { BalanceAtRequest, PayoutRunHeader, SkippedLine, SkipReason } from './types';
import { SKIP_REASON_LABEL } from './types';

export const SKIPPED_PREVIEW_MAX = 15;

export type BatchRequestInput = {
  csv: string;
  /** Required when the CSV has a `revenue` column; ignored with `amount`. */
  sharePercent?: string;
  defaultMemo?: string;
  requestedBy: SlackUserRef;
  source: 'slack_modal' | 'api';
};

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
  input: Pick<BatchRequestInput, 'csv' | 'sharePercent' | 'defaultMemo'>,
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
    throw Object.assign(error as Error, { field: 'csv' });
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

/**
 * Reads the CSV, resolves every line, and stores the run (lines with their cents, skipped lines
 * with their reasons) before anything moves; then posts the preview with Approve / Reject.
 * Bad input throws BatchInputError and stores nothing.
 */
export async function requestPayoutRun(
  deps: BatchDeps,
  input: BatchRequestInput,
): Promise<BatchRequestResult> {
  const validated = validateBatchInput(input);
  const { lines, skipped } = await resolveRows(validated.parsed, {
    teamId: input.requestedBy.teamId,
    sharePpm: validated.sharePpm,
    defaultMemo: validated.defaultMemo,
    maxTransferCents: deps.policy.maxTransferCents,
    writers: deps.writers,
  });
  const skippedByReason = countByReason(skipped);
  if (lines.length === 0) {
    throw new BatchInputError(
      `none of the ${skipped.length.toLocaleString('en-US')} lines can be paid (${describeSkips(skippedByReason)}).${
        skipped[0] ? ` Line ${skipped[0].line}: ${skipped[0].detail}.` : ''
      }`,
    );
  }
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const cap = deps.policy.dailyTransferCapCents;
  if (total > cap) {
    throw new BatchInputError(
      `the run's total of ${formatCents(total)} is more than the daily transfer cap of ${formatCents(cap)}, so it could never be approved. Split it into runs of at most ${formatCents(cap)}.`,
    );
  }
  const now = deps.clock();
  const warnings: string[] = [];
  const usedToday = await deps.dailyTotals.used(capDayOf(now));
  if (usedToday + total > cap) {
    warnings.push(
      `${formatCents(usedToday)} of today's ${formatCents(cap)} transfer cap is already approved, so this run can only be approved once there is room (tomorrow, UTC).`,
    );
  }
  const balance = await balanceNow(deps);
  if (balance && balance.availableCents < total) {
    warnings.push(
      `The available balance is ${formatCents(balance.availableCents)}, less than the run's ${formatCents(total)}; it will pause when the money runs out, until a top-up settles.`,
    );
  }
  const run = await deps.runs.create({
    amountCents: total,
    currency: 'usd',
    status: 'requested',
    requestedBy: input.requestedBy,
    requestedAt: now,
    requiredApprovals: requiredApprovalsFor(total, deps.policy.dualApprovalAboveCents),
    eligibleApprovers: await eligibleApprovers(
      deps.lineDeps.approvers,
      input.requestedBy.userId,
      lines.map((line) => line.writerSlackUserId),
    ),
    approvals: [],
    rejection: null,
    decidedAt: null,
    basis: validated.parsed.basis,
    sharePercent: validated.sharePercent,
    sharePpm: validated.sharePpm,
    defaultMemo: validated.defaultMemo,
    source: input.source,
    sourceBytes: Buffer.byteLength(input.csv, 'utf8'),
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
    actor: { kind: 'slack', ...input.requestedBy },
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
    },
  });
  const message = await deps.notifier.postRun(header);
  if (message) await deps.runs.setSlackMessage(run.id, message);
  return { run: { ...header, slackMessage: message ?? null }, warnings };
}
