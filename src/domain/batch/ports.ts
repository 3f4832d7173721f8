import type { ApprovableRequestStore } from '../requests/ports';
import type { SlackUserRef } from '../requests/types';
import type { Transfer } from '../transfers/types';
import type {
  PayoutRun,
  PayoutRunHeader,
  PayoutRunLine,
  PayoutRunStatus,
  RetryPlanEntry,
  RunPause,
  RunProgress,
  SkippedLine,
} from './types';

/**
 * The Stripe request rate every replica and every run share (STRIPE_RATE_LIMIT_PER_SECOND):
 * `take` resolves when this process may send one request now. Its state lives outside the
 * process (src/db/stripe-pace.ts), so two runs on two replicas together keep to the one rate.
 */
export type StripePace = { take(): Promise<void> };

/**
 * A CSV file someone uploaded in Slack, read as text (UTF-8, with or without a byte-order mark).
 * Throws BatchInputError (with `field: 'file'`) when it can't be read, is too big or isn't text.
 */
export type UploadedFiles = { readText(fileId: string): Promise<{ name: string; text: string }> };

/** A run as read and resolved from its CSV, before it is stored as a request. */
export type PreparedRun = {
  basis: PayoutRun['basis'];
  sharePercent: string | null;
  sharePpm: number | null;
  defaultMemo: string;
  source: PayoutRun['source'];
  sourceBytes: number;
  /** The uploaded file's name, or null for a pasted CSV. */
  sourceName: string | null;
  lines: PayoutRunLine[];
  skipped: SkippedLine[];
};

/**
 * Previewed runs waiting for "Request approval": the modal carries only the draft's id. A draft
 * belongs to who previewed it, expires (a condition in the query; old ones are swept on save)
 * and is claimed once, so a double click requests one run.
 */
export type RunDraftsStore = {
  save(requestedBy: SlackUserRef, prepared: PreparedRun, now: Date, expiresAt: Date): Promise<string>;
  load(id: string, userId: string, now: Date): Promise<PreparedRun | undefined>;
  claim(id: string, userId: string, now: Date): Promise<PreparedRun | undefined>;
};

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
  /** paused → running (Resume), only once nobody drives it any more, and still the pause read. */
  resume(
    id: string,
    by: string,
    now: Date,
    retryPlan: RetryPlanEntry[],
    pauseCount: number,
  ): Promise<PayoutRunHeader | undefined>;
  /**
   * requested | paused → canceled (compare-and-set); a paused run only once nobody drives it
   * (its lease expired), as for Resume, so a Resume and a Cancel settle on one of them.
   */
  cancel(
    id: string,
    from: 'requested' | 'paused',
    cancellation: NonNullable<PayoutRun['cancellation']>,
    pauseCount: number,
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
  /** Runs not finished (waiting, approved, running, paused), oldest first, for `/payouts pending`. */
  /** Runs not finished (or only those in `statuses`), oldest request first. */
  listOpen(limit: number, statuses?: PayoutRunStatus[]): Promise<PayoutRunHeader[]>;
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
