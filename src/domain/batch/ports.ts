import type { ApprovableRequestStore } from '../requests/ports';
import type { Transfer } from '../transfers/types';
import type { PayoutRun, PayoutRunHeader, RetryPlanEntry, RunPause, RunProgress } from './types';

export type NewPayoutRun = Omit<PayoutRun, 'id' | 'ref' | 'idempotencyKey' | 'updatedAt'>;

/**
 * The payout runs' storage. The lease (holder + expiry, inside the run) decides which process
 * drives a running run, so a crashed process's run is taken over once its lease expires.
 */
export type PayoutRunsStore = ApprovableRequestStore<PayoutRun> & {
  /** Stores the run, lines and all, with its idempotency key `batch:<id>`, before anything moves. */
  create(fields: NewPayoutRun): Promise<PayoutRun>;
  loadHeader(id: string): Promise<PayoutRunHeader | undefined>;
  /** Takes (or renews) the right to drive an approved or running run. */
  claimLease(id: string, holder: string, now: Date, leaseMs: number): Promise<PayoutRun | undefined>;
  renewLease(id: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseLease(id: string, holder: string): Promise<void>;
  /** approved → running, by the lease holder. */
  start(id: string, holder: string, now: Date): Promise<PayoutRunHeader | undefined>;
  /** running → paused by the lease holder, which lets go of the lease at the same time. */
  pause(
    id: string,
    holder: string,
    pause: RunPause,
    progress: RunProgress,
  ): Promise<PayoutRunHeader | undefined>;
  /** paused → running (Resume), only once nobody drives it any more. */
  resume(
    id: string,
    by: string,
    now: Date,
    retryPlan: RetryPlanEntry[],
  ): Promise<PayoutRunHeader | undefined>;
  /** running → completed by the lease holder; the summary is then owed. */
  complete(
    id: string,
    holder: string,
    progress: RunProgress,
    now: Date,
    leaseMs: number,
  ): Promise<PayoutRunHeader | undefined>;
  claimSummary(id: string, holder: string, now: Date, leaseMs: number): Promise<PayoutRun | undefined>;
  setProgress(id: string, progress: RunProgress): Promise<void>;
  markSummaryPosted(id: string, resultsFileId: string | null): Promise<boolean>;
  /** Runs a start-up (or the reconciler) should pick up: unfinished, or finished without a summary. */
  listUnfinished(): Promise<PayoutRunHeader[]>;
  listPaused(): Promise<PayoutRunHeader[]>;
  /** Runs still waiting for approval that were requested before `cutoff`, oldest first. */
  listRequestedBefore(cutoff: Date, limit: number): Promise<PayoutRunHeader[]>;
  /**
   * requested → expired (compare-and-set), only if it is still waiting and was requested before
   * `cutoff`; undefined when someone approved or rejected it first (or another replica expired it).
   */
  expire(id: string, cutoff: Date, now: Date): Promise<PayoutRunHeader | undefined>;
  /** Every transfer (every attempt) made for the run's lines, by line then attempt. */
  lineTransfers(runId: string): Promise<Transfer[]>;
};
