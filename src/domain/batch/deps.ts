import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit-log';
import type { StripeGateway } from '../ports/stripe-gateway';
import type { TopupsStore } from '../topups/ports';
import type { TransferDeps } from '../transfers/deps';
import type { DailyTotalsStore } from '../transfers/ports';
import type { BatchNotifier } from './notifier';
import type { RunControl } from './pacer';
import type { PeopleDirectory } from './people';
import type { PayoutRunsStore, RunDraftsStore, UploadedFiles } from './ports';
import type { BatchWriterDirectory } from './resolve';

export type BatchPolicy = {
  maxTransferCents: number;
  dualApprovalAboveCents: number;
  dailyTransferCapCents: number;
  /** REQUEST_EXPIRY_DAYS: a run nobody decided on this many days after its request expires. */
  requestExpiryDays: number;
  /** STRIPE_RATE_LIMIT_PER_SECOND: the pace of a run's Stripe calls. */
  stripeRatePerSecond: number;
  /** Lines in flight at once. */
  concurrency: number;
  /** How long a runner's claim on a run lasts without renewal (renewed every third of it). */
  leaseMs: number;
  /** Re-drives (same key) of a line whose outcome is unknown (429, 5xx, timeout) before pausing. */
  unknownOutcomeRetries: number;
  /** First back-off after an unknown outcome; doubled each time, at most 8 s. */
  retryBaseMs: number;
};

export type BatchDeps = {
  runs: PayoutRunsStore;
  writers: BatchWriterDirectory;
  /** Slack's member list, for writers named by @handle or name. */
  people: PeopleDirectory;
  /** CSV files uploaded in the batch form. */
  files: UploadedFiles;
  /** Previews waiting for "Request approval". */
  drafts: RunDraftsStore;
  /** The transfer use-case deps each line goes through, with the paced gateway. */
  lineDeps: TransferDeps;
  /** Paced too. */
  stripe: Pick<StripeGateway, 'balance'>;
  topups: Pick<TopupsStore, 'inFlight'>;
  dailyTotals: DailyTotalsStore;
  notifier: BatchNotifier;
  control: RunControl;
  audit: AuditLog;
  clock: () => Date;
  logger: Logger;
  policy: BatchPolicy;
};
