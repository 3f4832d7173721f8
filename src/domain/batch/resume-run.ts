import { format } from 'date-fns';
import { NotFinanceError, PaydeskError } from '../errors';
import { formatCents } from '../money';
import type { SlackUserRef } from '../requests/types';
import { statusWords } from '../status-words';
import { capDayOf } from '../transfers/daily-cap';
import type { BatchDeps } from './deps';
import { driveRun, headerOf, isFinalFailure, publishSummary } from './execute-run';
import { expireStaleRuns } from './expire-runs';
import { latestAttempts } from './results';
import { plannedRetryReservations } from './run-reservations';
import type { PayoutRunHeader, RetryPlanEntry } from './types';

/**
 * Picks up, after a start-up (or from the reconciler), every run this process should drive:
 * approved or running runs nobody holds (their process died or stopped), and completed runs
 * whose summary was never posted. A run still held by a lease that has not expired yet (a crash
 * just now) is looked at again right after the lease expires. Resolves the refs it started.
 */
export async function resumeRuns(deps: BatchDeps): Promise<string[]> {
  const now = deps.clock();
  const started: string[] = [];
  for (const run of await deps.runs.listUnfinished()) {
    const heldElsewhere =
      run.lease.holder !== null && run.lease.holder !== deps.control.instanceId && run.lease.expiresAt > now;
    if (heldElsewhere) {
      const wait = run.lease.expiresAt.getTime() - now.getTime() + 250;
      deps.control.later(`resume ${run.ref} when its lease expires`, wait, () => resumeOne(deps, run));
      continue;
    }
    deps.control.spawn(`resume ${run.ref}`, () => resumeOne(deps, run));
    started.push(run.ref);
  }
  return started;
}

/**
 * Start-up: resume what is unfinished now, then look again every lease period, so a run whose
 * replica died is taken over by a surviving one even before the reconciler exists on it. The
 * same watch expires runs nobody decided on in time (every replica runs it; each expiry is a
 * compare-and-set, so a run expires once).
 */
export function startRunWatch(deps: BatchDeps): void {
  deps.control.every('resume payout runs', deps.policy.leaseMs, () => resumeRuns(deps));
  deps.control.every('expire payout runs', deps.policy.leaseMs, () => expireStaleRuns(deps));
}

async function resumeOne(deps: BatchDeps, run: PayoutRunHeader): Promise<void> {
  if (run.status !== 'completed') {
    deps.logger.info({ ref: run.ref }, 'resuming payout run');
    await driveRun(deps, run.id);
    return;
  }
  const claimed = await deps.runs.claimSummary(
    run.id,
    deps.control.instanceId,
    deps.clock(),
    deps.policy.leaseMs,
  );
  if (claimed) await publishSummary(deps, headerOf(claimed), claimed);
}

/** The run a button names, as seen from the clicker's workspace: another workspace's run does not exist. */
export async function loadRunFor(deps: BatchDeps, id: string, user: SlackUserRef): Promise<PayoutRunHeader> {
  const header = await deps.runs.loadHeader(id);
  if (!header || (user.teamId && header.requestedBy.teamId && header.requestedBy.teamId !== user.teamId)) {
    throw new PaydeskError('not_found', "That payout run doesn't exist. Nothing was changed.");
  }
  return header;
}

export type ResumeOutcome =
  | { kind: 'resumed'; run: PayoutRunHeader }
  | { kind: 'refused'; message: string; run?: PayoutRunHeader };

function pendingNote(run: PayoutRunHeader): string {
  const next = run.pause?.nextTopup;
  if (next) {
    return ` ${formatCents(next.amountCents)} is pending from ${next.ref}, expected ${format(next.expectedAvailableAt, 'EEE, MMM d')}.`;
  }
  return run.pause?.pendingCents
    ? ` ${formatCents(run.pause.pendingCents)} is pending.`
    : ' Nothing is pending, so request a top-up first.';
}

/**
 * The Resume button of a paused run. Any finance member may press it (the run itself was
 * approved with four eyes). It checks the balance covers what is left, reserves today's cap for
 * the lines that failed for lack of balance (they get a new attempt with a new key), then
 * paused → running with a compare-and-set, so two clicks resume once.
 */
export async function resumePayoutRun(
  deps: BatchDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean },
): Promise<ResumeOutcome> {
  if (!input.isFinance) throw new NotFinanceError();
  const header = await loadRunFor(deps, input.id, input.user);
  if (header.status !== 'paused') {
    return {
      kind: 'refused',
      run: header,
      message:
        header.status === 'running'
          ? `${header.ref} is already running${header.resumedBy ? ` (resumed by <@${header.resumedBy}>)` : ''}.`
          : `${header.ref} is ${statusWords(header.status)}, so there is nothing to resume.`,
    };
  }
  const now = deps.clock();
  if (header.lease.expiresAt > now) {
    return {
      kind: 'refused',
      run: header,
      message: `${header.ref} is still finishing the lines it had in flight. Try again in a few seconds.`,
    };
  }
  const run = await deps.runs.load(input.id);
  if (!run) throw new PaydeskError('not_found', "That payout run doesn't exist. Nothing was changed.");
  const latest = latestAttempts(await deps.runs.lineTransfers(run.id));
  const retryPlan: RetryPlanEntry[] = [];
  let retryCents = 0;
  let neededCents = 0;
  let openLines = 0;
  for (const line of run.lines) {
    const last = latest.get(line.line);
    if (last?.status === 'paid' || last?.status === 'reversed') continue;
    if (isFinalFailure(last)) continue;
    neededCents += line.amountCents;
    openLines += 1;
    if (last?.status === 'failed') {
      retryPlan.push({ line: line.line, attempt: last.attempt + 1 });
      retryCents += line.amountCents;
    }
  }
  const balance = await deps.stripe.balance().catch(() => undefined);
  if (balance && balance.availableCents < neededCents) {
    return {
      kind: 'refused',
      run: header,
      message: `Can't resume ${header.ref} yet: its ${openLines.toLocaleString('en-US')} remaining lines need ${formatCents(neededCents)} and ${formatCents(balance.availableCents)} is available (${formatCents(neededCents - balance.availableCents)} missing).${pendingNote(header)} Resume once it has settled. Nothing was changed.`,
    };
  }
  const day = capDayOf(now);
  if (
    retryCents > 0 &&
    !(await deps.dailyTotals.reserve(day, retryCents, deps.policy.dailyTransferCapCents))
  ) {
    const used = await deps.dailyTotals.used(day);
    return {
      kind: 'refused',
      run: header,
      message: `Can't resume ${header.ref} today: trying its ${retryPlan.length} lines again needs ${formatCents(retryCents)} of the daily transfer cap, and ${formatCents(used)} of ${formatCents(deps.policy.dailyTransferCapCents)} is already approved. Nothing was changed; resume it tomorrow or raise the cap.`,
    };
  }
  // Reserved by the Resume before this one for attempts it never made: this plan replaces it.
  const superseded = plannedRetryReservations(run, latest);
  const resumed = await deps.runs.resume(run.id, input.user.userId, now, retryPlan, run.pauseCount ?? 0);
  if (!resumed) {
    if (retryCents > 0) await deps.dailyTotals.release(day, retryCents);
    const latestHeader = await deps.runs.loadHeader(run.id);
    return {
      kind: 'refused',
      run: latestHeader,
      message:
        latestHeader?.status === 'running'
          ? `${header.ref} was already resumed${latestHeader.resumedBy ? ` by <@${latestHeader.resumedBy}>` : ''}.`
          : latestHeader?.status === 'paused'
            ? `${header.ref} was resumed${latestHeader.resumedBy ? ` by <@${latestHeader.resumedBy}>` : ''} and paused again while you pressed Resume; nothing was changed. Look at its message and press Resume again if it should go on.`
            : `${header.ref} is ${latestHeader ? statusWords(latestHeader.status) : 'gone'}; nothing was changed.`,
    };
  }
  for (const entry of superseded) await deps.dailyTotals.release(entry.day, entry.cents);
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: 'batch.resumed',
    subject: { type: 'payout_run', id: resumed.ref },
    details: {
      runId: resumed.id,
      openLines,
      neededCents,
      retryLines: retryPlan.length,
      retryCents,
      releasedFromLastResume: superseded,
      availableCents: balance?.availableCents ?? null,
    },
  });
  deps.notifier.refresh(resumed);
  await deps.notifier.flush(resumed);
  deps.control.spawn(`payout run ${resumed.ref}`, () => driveRun(deps, resumed.id));
  return { kind: 'resumed', run: resumed };
}
