import { RecordingPendingError } from '../errors';
import type { StripeFailure } from '../requests/types';
import { freshTransfer } from '../transfers/fresh-transfer';
import type { NewTransfer } from '../transfers/ports';
import { driveTransferSubmission, submitTransfer } from '../transfers/submit-transfer';
import type { Transfer } from '../transfers/types';
import type { BatchDeps } from './deps';
import { RunStoppedError } from './pacer';
import { latestAttempts, resultsCsv, runResults } from './results';
import type { PayoutRun, PayoutRunHeader, PayoutRunLine, RunPause, RunProgress } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;
const MAX_BACKOFF_MS = 8_000;

/** `batch:<runId>:<line>`; a re-attempt after a balance pause gets `…:attempt:<n>` (a new key). */
export function lineIdempotencyKey(runId: string, line: number, attempt: number): string {
  return attempt === 1 ? `batch:${runId}:${line}` : `batch:${runId}:${line}:attempt:${attempt}`;
}

export function headerOf(run: PayoutRun): PayoutRunHeader {
  const { lines: _lines, skipped: _skipped, ...header } = run;
  return header;
}

type WorkItem = {
  line: PayoutRunLine;
  attempt: number;
  existing?: Transfer;
  retryOf: string | null;
  decidedAt: Date;
};

type StopReason = 'balance' | 'stripe' | 'lease' | 'error';

/**
 * A failed line is over unless it failed for lack of balance (Resume tries it again) and nobody
 * retried it another way (a retry of its own, from before lines refused one): a run never pays
 * a line that may have been paid elsewhere.
 */
export const isFinalFailure = (transfer: Transfer | undefined) =>
  transfer?.status === 'failed' &&
  (transfer.failure?.code !== 'balance_insufficient' || Boolean(transfer.retriedBy));
const isPaid = (transfer: Transfer | undefined) =>
  transfer?.status === 'paid' || transfer?.status === 'reversed';

/**
 * Drives a run to its end, or to a pause, from whatever state it is in: the same code starts a
 * freshly approved run and resumes one after a crash. Each line is one transfer document (the
 * transfers collection, found by its idempotency key), so a line already paid is never sent
 * again, and a line left `submitting` by a crash is re-driven with the same key, which Stripe
 * answers with the original transfer.
 */
export async function driveRun(deps: BatchDeps, runId: string): Promise<void> {
  deps.control.assertLive();
  if (!deps.control.enter(runId)) return;
  try {
    do await driveClaimed(deps, runId);
    while (deps.control.again(runId) && !deps.control.stopping);
  } finally {
    deps.control.leave(runId);
  }
}

async function driveClaimed(deps: BatchDeps, runId: string): Promise<void> {
  const holder = deps.control.instanceId;
  let run = await deps.runs.claimLease(runId, holder, deps.clock(), deps.policy.leaseMs);
  if (!run) return;
  if (run.status === 'approved') {
    const started = await deps.runs.start(run.id, holder, deps.clock());
    if (!started) return;
    run = { ...run, ...started };
    await deps.audit.append({
      actor: SYSTEM,
      action: 'batch.started',
      subject: { type: 'payout_run', id: run.ref },
      details: { runId: run.id, lines: run.lineCount, amountCents: run.amountCents },
    });
  }
  await new RunExecution(deps, run, holder).execute();
}

class RunExecution {
  private readonly queue: WorkItem[] = [];
  private readonly progress: RunProgress = {
    paidLines: 0,
    paidCents: 0,
    failedLines: 0,
    failedCents: 0,
    openLines: 0,
  };
  private stop: StopReason | undefined;
  private stripeFailure: StripeFailure | null = null;
  private readonly header: PayoutRunHeader;

  constructor(
    private readonly deps: BatchDeps,
    private readonly run: PayoutRun,
    private readonly holder: string,
  ) {
    this.header = headerOf(run);
  }

  async execute(): Promise<void> {
    const { deps, run } = this;
    this.plan(await deps.runs.lineTransfers(run.id));
    deps.notifier.refresh(this.header, { ...this.progress });
    const heartbeat = setInterval(
      () => void this.renewLease(),
      Math.max(250, Math.floor(deps.policy.leaseMs / 3)),
    );
    try {
      await Promise.all(Array.from({ length: Math.max(1, deps.policy.concurrency) }, () => this.worker()));
    } finally {
      clearInterval(heartbeat);
    }
    if (deps.control.killed || this.stop === 'lease') return;
    if (deps.control.stopping) {
      // Graceful shutdown: the next start-up (or another replica) goes on from here.
      await deps.runs.setProgress(run.id, { ...this.progress });
      await deps.runs.releaseLease(run.id, this.holder);
      deps.notifier.refresh(this.header, { ...this.progress });
      await deps.notifier.flush(this.header);
      return;
    }
    await this.finish();
  }

  /** What is left to do, from the transfers collection (the truth), not from memory. */
  private plan(transfers: Transfer[]): void {
    const { run } = this;
    const latest = latestAttempts(transfers);
    const planned = new Map(run.retryPlan.map((entry) => [entry.line, entry.attempt]));
    for (const line of run.lines) {
      const last = latest.get(line.line);
      if (isPaid(last)) {
        this.progress.paidLines += 1;
        this.progress.paidCents += line.amountCents;
        continue;
      }
      if (isFinalFailure(last)) {
        this.progress.failedLines += 1;
        this.progress.failedCents += line.amountCents;
        continue;
      }
      this.progress.openLines += 1;
      if (!last) {
        this.queue.push({ line, attempt: 1, retryOf: null, decidedAt: run.decidedAt ?? this.deps.clock() });
      } else if (last.status === 'failed') {
        // Out of balance last time: a new attempt only if a Resume planned (and reserved) it.
        if (planned.get(line.line) === last.attempt + 1) {
          this.queue.push({
            line,
            attempt: last.attempt + 1,
            retryOf: last.id,
            decidedAt: run.resumedAt ?? this.deps.clock(),
          });
        }
        // Otherwise it waits for a Resume; finish() pauses the run for it.
      } else {
        this.queue.push({
          line,
          attempt: last.attempt,
          existing: last,
          retryOf: last.retryOf,
          decidedAt: last.decidedAt ?? this.deps.clock(),
        });
      }
    }
  }

  private async renewLease(): Promise<void> {
    if (this.deps.control.killed) return;
    try {
      if (
        !(await this.deps.runs.renewLease(
          this.run.id,
          this.holder,
          this.deps.clock(),
          this.deps.policy.leaseMs,
        ))
      ) {
        this.deps.logger.warn(
          { ref: this.run.ref },
          'lost the lease on a payout run; another process drives it now',
        );
        this.stop = 'lease';
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, ref: this.run.ref }, 'could not renew the payout run lease');
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      if (this.stop || this.deps.control.stopping) return;
      const item = this.queue.shift();
      if (!item) return;
      try {
        await this.driveLine(item);
      } catch (error) {
        if (error instanceof RunStoppedError) return;
        this.deps.logger.error(
          { err: error, ref: this.run.ref, line: item.line.line },
          'payout run line failed unexpectedly',
        );
        this.stop ??= 'error';
        this.stripeFailure ??= {
          code: 'internal_error',
          message: 'Paydesk hit an unexpected error; details are in its log',
        };
        return;
      }
    }
  }

  private async createAttempt(item: WorkItem): Promise<Transfer> {
    const { deps, run } = this;
    const idempotencyKey = lineIdempotencyKey(run.id, item.line.line, item.attempt);
    const fields: NewTransfer = {
      ...freshTransfer({
        amountCents: item.line.amountCents,
        status: 'approved',
        requestedBy: run.requestedBy,
        requestedAt: deps.clock(),
        requiredApprovals: run.requiredApprovals,
        // The run's approvals, as facts: their audit entries belong to the run, not to each line.
        approvals: run.approvals.map(({ userId, at }) => ({ userId, at })),
        decidedAt: item.decidedAt,
        writerId: item.line.writerId,
        writerSlackUserId: item.line.writerSlackUserId,
        destination: item.line.destination,
        memo: item.line.memo,
        attempt: item.attempt,
        retryOf: item.retryOf,
        batchId: run.id,
        line: item.line.line,
      }),
      transferGroup: run.id,
      idempotencyKey,
    };
    // `create` answers undefined on any duplicate key: the line's key (someone made it already)
    // or, rarely, a reference number handed out twice; only the first means "use that one".
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const transfer =
        (await deps.lineDeps.transfers.create(fields)) ??
        (await deps.lineDeps.transfers.findByIdempotencyKey(idempotencyKey));
      if (transfer) return transfer;
    }
    throw new Error(`line ${item.line.line} of ${run.ref} has neither a new nor an existing transfer`);
  }

  private async driveLine(item: WorkItem): Promise<void> {
    const { deps } = this;
    let transfer = item.existing ?? (await this.createAttempt(item));
    for (let retry = 0; ; retry += 1) {
      deps.control.assertNotKilled();
      try {
        if (transfer.status === 'approved') {
          transfer = (await submitTransfer(deps.lineDeps, transfer.id)) ?? transfer;
        } else if (transfer.status === 'submitting') {
          transfer = (await driveTransferSubmission(deps.lineDeps, transfer)) ?? transfer;
        }
      } catch (error) {
        // Stripe has the line but the database did not take its answer: ask again with the
        // same key after the back-off (Stripe replays the answer), like an unknown outcome.
        if (!(error instanceof RecordingPendingError)) throw error;
        if (transfer.status === 'approved') transfer = { ...transfer, status: 'submitting' };
      }
      deps.control.assertNotKilled();
      if (transfer.status !== 'approved' && transfer.status !== 'submitting') break;
      // Unknown outcome (429, 5xx, timeout): back off, then ask again with the same key.
      if (retry >= deps.policy.unknownOutcomeRetries) {
        this.stop ??= 'stripe';
        this.stripeFailure = {
          code: 'stripe_unavailable',
          message: `Stripe did not confirm ${transfer.ref} after ${retry + 1} tries`,
        };
        return;
      }
      if (deps.control.stopping) return;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(MAX_BACKOFF_MS, deps.policy.retryBaseMs * 2 ** retry)),
      );
    }
    await this.recordOutcome(item, transfer);
  }

  private async recordOutcome(item: WorkItem, transfer: Transfer): Promise<void> {
    const { deps, run } = this;
    const base = {
      runId: run.id,
      line: item.line.line,
      transferRef: transfer.ref,
      requestId: transfer.id,
      amountCents: transfer.amountCents,
    };
    if (isPaid(transfer)) {
      this.progress.paidLines += 1;
      this.progress.paidCents += transfer.amountCents;
      this.progress.openLines -= 1;
      await deps.audit.append({
        actor: SYSTEM,
        action: 'batch.line_paid',
        subject: { type: 'payout_run', id: run.ref },
        details: { ...base, stripeTransferId: transfer.stripeTransferId, destination: transfer.destination },
      });
    } else if (transfer.failure?.code === 'balance_insufficient') {
      // Not a failure of the line: the run pauses and the line is tried again after a top-up.
      this.stop ??= 'balance';
      await deps.audit.append({
        actor: SYSTEM,
        action: 'batch.line_waiting_for_balance',
        subject: { type: 'payout_run', id: run.ref },
        details: base,
      });
    } else {
      this.progress.failedLines += 1;
      this.progress.failedCents += transfer.amountCents;
      this.progress.openLines -= 1;
      await deps.audit.append({
        actor: SYSTEM,
        action: 'batch.line_failed',
        subject: { type: 'payout_run', id: run.ref },
        details: {
          ...base,
          code: transfer.failure?.code ?? 'unknown',
          message: transfer.failure?.message ?? '',
        },
      });
    }
    deps.notifier.refresh(this.header, { ...this.progress });
  }

  /** Every line tried: complete, or pause with what is missing. */
  private async finish(): Promise<void> {
    const { deps, run } = this;
    const transfers = await deps.runs.lineTransfers(run.id);
    const latest = latestAttempts(transfers);
    const open = run.lines.filter((line) => {
      const last = latest.get(line.line);
      return !isPaid(last) && !isFinalFailure(last);
    });
    const { rows, summary } = runResults(run, transfers);
    const progress: RunProgress = {
      paidLines: summary.paidLines,
      paidCents: summary.paidCents,
      failedLines: summary.failedLines,
      failedCents: summary.failedCents,
      openLines: open.length,
    };
    if (open.length > 0) {
      const shortOfBalance = open.some(
        (line) => latest.get(line.line)?.failure?.code === 'balance_insufficient',
      );
      await this.pause(shortOfBalance ? 'balance_insufficient' : 'stripe_unavailable', open, progress);
      return;
    }
    const completed = await deps.runs.complete(
      run.id,
      this.holder,
      progress,
      deps.clock(),
      deps.policy.leaseMs,
    );
    if (!completed) return;
    await deps.audit.append({
      actor: SYSTEM,
      action: 'batch.completed',
      subject: { type: 'payout_run', id: run.ref },
      details: {
        runId: run.id,
        paidLines: summary.paidLines,
        amountCents: summary.paidCents,
        failedLines: summary.failedLines,
        failedCents: summary.failedCents,
        skippedLines: summary.skippedLines,
      },
    });
    await publishSummary(deps, completed, run, { rows, summary });
  }

  private async pause(
    reason: RunPause['reason'],
    open: PayoutRunLine[],
    progress: RunProgress,
  ): Promise<void> {
    const { deps, run } = this;
    const neededCents = open.reduce((sum, line) => sum + line.amountCents, 0);
    const [balance, inFlight] = await Promise.all([
      deps.stripe.balance().catch(() => undefined),
      deps.topups.inFlight().catch(() => []),
    ]);
    const next = inFlight
      .filter((topup) => topup.status === 'pending')
      .sort((a, b) => a.expectedAvailableAt.getTime() - b.expectedAvailableAt.getTime())[0];
    const pause: RunPause = {
      reason,
      at: deps.clock(),
      neededCents,
      availableCents: balance?.availableCents ?? null,
      pendingCents: balance?.pendingCents ?? null,
      missingCents: balance ? Math.max(0, neededCents - balance.availableCents) : null,
      nextTopup: next
        ? { ref: next.ref, amountCents: next.amountCents, expectedAvailableAt: next.expectedAvailableAt }
        : null,
      failure: reason === 'stripe_unavailable' ? this.stripeFailure : null,
    };
    const paused = await deps.runs.pause(run.id, this.holder, pause, progress);
    if (!paused) return;
    await deps.audit.append({
      actor: SYSTEM,
      action: 'batch.paused',
      subject: { type: 'payout_run', id: run.ref },
      details: {
        runId: run.id,
        reason,
        openLines: open.length,
        neededCents,
        availableCents: pause.availableCents,
        missingCents: pause.missingCents,
        paidLines: progress.paidLines,
      },
    });
    deps.notifier.refresh(paused);
    await deps.notifier.flush(paused);
    await deps.notifier.paused(paused);
  }
}

/** The final message update, the summary and the results CSV; then the lease is let go. */
export async function publishSummary(
  deps: BatchDeps,
  completed: PayoutRunHeader,
  run: PayoutRun,
  results?: ReturnType<typeof runResults>,
): Promise<void> {
  const { rows, summary } = results ?? runResults(run, await deps.runs.lineTransfers(run.id));
  deps.notifier.refresh(completed);
  await deps.notifier.flush(completed);
  const fileId = await deps.notifier.completed(completed, summary, resultsCsv(rows));
  await deps.runs.markSummaryPosted(completed.id, fileId);
  await deps.runs.releaseLease(completed.id, deps.control.instanceId);
}
