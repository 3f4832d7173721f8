import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit-log';
import type { CrashSwitch } from '../crash-points';
import type { WritersStore } from '../onboarding/types';
import type { StripeGateway } from '../ports/stripe-gateway';
import type { ApproverDirectory } from '../requests/ports';
import type { TopupsStore } from '../topups/ports';
import type { TransferNotifier } from './notifier';
import type { DailyTotalsStore, TransfersStore } from './ports';
import type { Transfer } from './types';

export type TransferDeps = {
  transfers: TransfersStore;
  dailyTotals: DailyTotalsStore;
  topups: Pick<TopupsStore, 'inFlight'>;
  writers: Pick<WritersStore, 'findById' | 'findBySlackUser'>;
  stripe: StripeGateway;
  audit: AuditLog;
  approvers: ApproverDirectory;
  notifier: TransferNotifier;
  clock: () => Date;
  crash: CrashSwitch;
  /** The longest a live Stripe call (timeouts and stripe-node's retries) can take; the reconciler waits this long. */
  submissionTimeoutMs: number;
  logger: Logger;
  policy: {
    maxTransferCents: number;
    dualApprovalAboveCents: number;
    dailyTransferCapCents: number;
    requestExpiryDays: number;
  };
  defer: (name: string, task: () => Promise<unknown>) => void;
  /** Runs (deferred) after a transfer is recorded paid: the tax threshold watch (domain/tax). */
  afterPaid?: (transfer: Transfer) => Promise<void>;
};
