import type { DailyTotalsRepository } from '../../db/repositories/daily-totals';
import type { PayoutRunsRepository } from '../../db/repositories/payout-runs';
import type { TopupsRepository } from '../../db/repositories/topups';
import type { Logger } from '../../logger';
import type { StripeGateway } from '../../stripe/gateway';
import type { AuditLog } from '../audit/audit-log';
import type { TransferDeps } from '../transfers/deps';
import type { BatchNotifier } from './notifier';
import type { RunControl } from './pacer';
import type { BatchWriterDirectory } from './resolve';

export type BatchPolicy = {
  maxTransferCents: number;
  dualApprovalAboveCents: number;
  dailyTransferCapCents: number;
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
  runs: PayoutRunsRepository;
  writers: BatchWriterDirectory;
  /** The transfer use-case deps each line goes through, with the paced gateway. */
  lineDeps: TransferDeps;
  /** Paced too. */
  stripe: Pick<StripeGateway, 'balance'>;
  topups: Pick<TopupsRepository, 'inFlight'>;
  dailyTotals: DailyTotalsRepository;
  notifier: BatchNotifier;
  control: RunControl;
  audit: AuditLog;
  clock: () => Date;
  logger: Logger;
  policy: BatchPolicy;
};
