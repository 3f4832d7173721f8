import { NotFinanceError, PaydeskError } from '../errors';
import { formatCents } from '../money';
import type { SlackUserRef } from '../requests/types';
import { statusWords } from '../status-words';
import type { BatchDeps } from './deps';
import { isFinalFailure } from './execute-run';
import { latestAttempts } from './results';
import { loadRunFor } from './resume-run';
import { unsentReservations } from './run-reservations';
import type { PayoutRunHeader } from './types';

export type CancelOutcome =
  | { kind: 'canceled'; run: PayoutRunHeader }
  | { kind: 'refused'; message: string; run?: PayoutRunHeader };

/**
 * Cancel on a paused run (or one still waiting for approval): no further line is paid, and the
 * daily cap the unsent lines held is given back. Lines Stripe has not confirmed yet (a pause for
 * Stripe's silence) must be finished first, so nothing is cancelled that may have been paid.
 * paused → canceled is a compare-and-set made only once nobody drives the run, so a Resume
 * clicked at the same moment and the Cancel settle on one of them; the cap is released after.
 */
export async function cancelPayoutRun(
  deps: BatchDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean },
): Promise<CancelOutcome> {
  if (!input.isFinance) throw new NotFinanceError();
  const header = await loadRunFor(deps, input.id, input.user);
  if (header.status !== 'paused' && header.status !== 'requested') {
    return {
      kind: 'refused',
      run: header,
      message:
        header.status === 'running' || header.status === 'approved'
          ? `${header.ref} is running; it can be cancelled once it pauses. Nothing was changed.`
          : `${header.ref} is ${header.status === 'canceled' ? 'already cancelled' : statusWords(header.status)}, so there is nothing to cancel.`,
    };
  }
  const now = deps.clock();
  if (header.status === 'paused' && header.lease.expiresAt > now) {
    return {
      kind: 'refused',
      run: header,
      message: `${header.ref} is still finishing the lines it had in flight. Try again in a few seconds. Nothing was changed.`,
    };
  }
  const run = await deps.runs.load(input.id);
  if (!run) throw new PaydeskError('not_found', "That payout run doesn't exist. Nothing was changed.");
  const latest = latestAttempts(await deps.runs.lineTransfers(run.id));
  const unconfirmed = run.lines.filter((line) => {
    const status = latest.get(line.line)?.status;
    return status === 'approved' || status === 'submitting';
  });
  if (unconfirmed.length > 0) {
    return {
      kind: 'refused',
      run: header,
      message: `Can't cancel ${run.ref} yet: Stripe hasn't confirmed ${unconfirmed.length.toLocaleString('en-US')} of its lines (line ${unconfirmed[0]?.line}${unconfirmed.length > 1 ? ' and others' : ''}), which may already be paid. Press Resume to finish them, then cancel. Nothing was changed.`,
    };
  }
  const unpaid = run.lines.filter((line) => {
    const last = latest.get(line.line);
    return !last || (last.status === 'failed' && !isFinalFailure(last));
  });
  const reservations = header.status === 'paused' ? unsentReservations(run, latest) : [];
  const releasedCents = reservations.reduce((sum, entry) => sum + entry.cents, 0);
  const canceled = await deps.runs.cancel(
    run.id,
    header.status,
    {
      userId: input.user.userId,
      at: now,
      unpaidLines: unpaid.length,
      releasedCents,
    },
    run.pauseCount ?? 0,
  );
  if (!canceled) {
    const latestHeader = await deps.runs.loadHeader(run.id);
    return {
      kind: 'refused',
      run: latestHeader,
      message:
        latestHeader?.status === 'paused'
          ? `${run.ref} was resumed and paused again while you pressed Cancel; nothing was cancelled. Look at its message again and press Cancel if it should stop.`
          : `${run.ref} is ${latestHeader?.status === 'running' ? 'running again (someone pressed Resume)' : latestHeader ? statusWords(latestHeader.status) : 'gone'}; nothing was cancelled.`,
    };
  }
  for (const entry of reservations) await deps.dailyTotals.release(entry.day, entry.cents);
  await deps.audit.append({
    actor: { kind: 'slack', ...input.user },
    action: 'batch.canceled',
    subject: { type: 'payout_run', id: run.ref },
    details: {
      runId: run.id,
      from: header.status,
      unpaidLines: unpaid.length,
      unpaidCents: unpaid.reduce((sum, line) => sum + line.amountCents, 0),
      releasedCents,
      releasedByDay: reservations,
    },
  });
  deps.notifier.refresh(canceled);
  await deps.notifier.flush(canceled);
  deps.logger.info(
    { ref: run.ref, unpaidLines: unpaid.length, released: formatCents(releasedCents) },
    'payout run cancelled',
  );
  return { kind: 'canceled', run: canceled };
}
